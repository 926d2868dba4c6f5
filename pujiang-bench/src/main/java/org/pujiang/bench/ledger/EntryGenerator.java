package org.pujiang.bench.ledger;

import java.util.SplittableRandom;
import org.pujiang.ledger.asset.AccountId;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.asset.MediaFormat;

/**
 * A consistent asset log, entry by entry, for filling a log that the server can replay ({@code AssetLedger.rebuild}
 * applies every entry to an {@code AssetBook}, which refuses to start on one that does not fit): entry 0 registers
 * one asset of {@code editions} editions by account 0, entry 1 mints all of them to it, and every later entry is a
 * transfer of a random edition from its holder to another of {@code accounts} accounts, with {@code prev} naming
 * that edition's previous event. Entries are one millisecond apart, starting at {@code startMillis}. The same seed
 * gives the same log.
 *
 * <p>Not thread-safe: one owner, which must append the entries in the order they come (their {@code prev} indexes
 * assume it).
 */
public final class EntryGenerator {
    private final SplittableRandom random;
    private final AccountId[] accounts;
    private final AssetId asset;
    private final String contentHash;
    private final long size;
    private final int editions;
    private final long startMillis;
    /** holder[e] is an index into accounts; last[e] the log index of edition e's previous event. */
    private final int[] holder;
    private final long[] last;
    private long next;

    /**
     * @param contentHash the registered file's hash ("sha256:" + 64 hex digits)
     * @param size the registered file's size in bytes
     */
    public EntryGenerator(long seed, int accounts, int editions, long startMillis, String contentHash, long size) {
        if (accounts < 2 || editions < 1 || editions > LedgerEntry.MAX_EDITIONS) {
            throw new IllegalArgumentException("need 2 or more accounts and 1 to " + LedgerEntry.MAX_EDITIONS
                    + " editions; got " + accounts + " accounts, " + editions + " editions");
        }
        this.random = new SplittableRandom(seed);
        this.accounts = new AccountId[accounts];
        for (int i = 0; i < accounts; i++) {
            this.accounts[i] = new AccountId(new java.util.UUID(random.nextLong(), random.nextLong()));
        }
        this.asset = new AssetId(new java.util.UUID(random.nextLong(), random.nextLong()));
        this.contentHash = contentHash;
        this.size = size;
        this.editions = editions;
        this.startMillis = startMillis;
        this.holder = new int[editions + 1];
        this.last = new long[editions + 1];
    }

    public AssetId asset() {
        return asset;
    }

    public AccountId account(int i) {
        return accounts[i];
    }

    /** The log index the next entry will have. */
    public long produced() {
        return next;
    }

    /** The next entry; its log index is {@link #produced()} before the call. */
    public LedgerEntry nextEntry() {
        long index = next++;
        long at = startMillis + index;
        if (index == 0) {
            return new LedgerEntry.Register(asset, contentHash, MediaFormat.PNG, size, "Bench collectible",
                    accounts[0], "CC BY-NC 4.0", editions, at);
        }
        if (index == 1) {
            for (int e = 1; e <= editions; e++) {
                holder[e] = 0;
                last[e] = 1;
            }
            return new LedgerEntry.Mint(asset, 1, editions, accounts[0], at);
        }
        int e = 1 + random.nextInt(editions);
        int from = holder[e];
        int to = random.nextInt(accounts.length - 1);
        if (to >= from) {
            to++; // any account but the holder
        }
        LedgerEntry.Transfer t = new LedgerEntry.Transfer(asset, e, accounts[from], accounts[to], last[e], at);
        holder[e] = to;
        last[e] = index;
        return t;
    }

    /** The next entry's canonical bytes. */
    public byte[] next() {
        return nextEntry().encode();
    }
}
