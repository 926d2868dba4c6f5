package org.pujiang.ledger.asset;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of every asset and edition as the log's entries leave it, and the policy that decides new entries.
 * {@link #decide} changes nothing; {@link #apply} changes the state by an entry that is in the log (or is about to be,
 * in the same batch: the caller undoes a failed batch by rebuilding from the log). Deterministic: time comes in as an
 * argument, and the same entries applied in the same order always give the same state.
 *
 * <p>Owned by one thread, the log writer, which calls decide then apply for each command in log order: the second of
 * two transfers of one edition is decided against the first's result and refused ({@code asset:not-holder}), which
 * is the double-spend rule. Not thread-safe. decide + apply of a transfer is on the writer's hot path: a few hash
 * lookups keyed by small records, no streams, no formatting unless refused.
 */
public final class AssetBook {
    private static final long DAY_MS = 86_400_000L;

    private record EditionKey(AssetId asset, int edition) {}

    private static final class Asset {
        final LedgerEntry.Register entry;
        final long logIndex;
        int minted;
        int burned;

        Asset(LedgerEntry.Register entry, long logIndex) {
            this.entry = entry;
            this.logIndex = logIndex;
        }
    }

    private static final class Edition {
        AccountId holder;
        long acquiredAt;
        long lastLogIndex;
        boolean burned;
        /** Still with its creator since the mint: giving it out is the first distribution, not a resale. */
        boolean primary;
    }

    /** Successful outgoing transfers of one account on its latest day with one. */
    private static final class DayCount {
        long day = Long.MIN_VALUE;
        int count;
    }

    private final AssetPolicy policy;
    private final long dayOffsetMs;
    private final long minHoldingMs;
    private final Map<AssetId, Asset> assets = new HashMap<>();
    private final Set<String> contentHashes = new HashSet<>();
    private final Map<EditionKey, Edition> editions = new HashMap<>();
    private final Map<AccountId, Set<EditionKey>> holdings = new HashMap<>();
    private final Map<AccountId, DayCount> transfersByDay = new HashMap<>();

    /**
     * A book whose transfer limit counts calendar days in China Standard Time (UTC+8), as docs/ledger.md ("Policy")
     * promises; the server builds its book with this constructor.
     */
    public AssetBook(AssetPolicy policy) {
        this(policy, ZoneOffset.ofHours(8));
    }

    /**
     * A book whose transfer limit counts calendar days at a fixed offset ({@code ZoneOffset.ofHours(8)} for China
     * Standard Time, which has no daylight saving). A fixed offset keeps replay deterministic.
     */
    public AssetBook(AssetPolicy policy, ZoneOffset dayZone) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.dayOffsetMs = dayZone.getTotalSeconds() * 1000L;
        this.minHoldingMs = policy.minHolding().toMillis();
    }

    public AssetPolicy policy() {
        return policy;
    }

    // ---- deciding

    /**
     * Decides a command against the current state; changes nothing.
     *
     * @param actor the account that asks
     * @param counterpart the recipient's standing for a {@link AssetCommand.Transfer} (its id must be the transfer's
     *     {@code to}); ignored otherwise and may be null
     * @param now the time the entry will carry
     * @throws IllegalArgumentException when a transfer comes without the recipient's standing (a bug in the caller)
     */
    public Decision decide(AssetCommand command, Standing actor, Standing counterpart, Instant now) {
        long at = now.toEpochMilli();
        return switch (command) {
            case AssetCommand.Register r -> register(r, actor, at);
            case AssetCommand.Mint m -> mint(m, actor, at);
            case AssetCommand.Transfer t -> transfer(t, actor, counterpart, at);
            case AssetCommand.Burn b -> burn(b, actor, at);
        };
    }

    private Decision register(AssetCommand.Register r, Standing actor, long at) {
        if (policy.approvedCreatorsOnly() && !actor.approvedCreator() && !actor.operator()) {
            return refused(Decision.CREATOR_NOT_APPROVED, "only creators an operator approved may register assets");
        }
        // The creator receives the editions it mints, so it must be allowed to hold them.
        Decision.Refused identity = holderRefusal(actor, "you");
        if (identity != null) {
            return identity;
        }
        if (r.editions() < 1 || r.editions() > policy.maxEditions()) {
            return refused(Decision.EDITIONS_EXHAUSTED, "an asset has 1 to " + policy.maxEditions()
                    + " editions, not " + r.editions());
        }
        if (assets.containsKey(r.asset())) {
            return refused(Decision.EXISTS, "asset " + r.asset() + " exists");
        }
        if (contentHashes.contains(r.contentHash())) {
            return refused(Decision.EXISTS, "a file with the same content (" + r.contentHash() + ") is registered");
        }
        return new Decision.Allowed(new LedgerEntry.Register(r.asset(), r.contentHash(), r.format(), r.size(),
                r.title(), actor.id(), r.licence(), r.editions(), at));
    }

    private Decision mint(AssetCommand.Mint m, Standing actor, long at) {
        Asset a = assets.get(m.asset());
        if (a == null) {
            return refused(Decision.NOT_FOUND, "no asset " + m.asset());
        }
        if (!a.entry.creator().equals(actor.id())) {
            return refused(Decision.NOT_CREATOR, "only the creator of an asset mints its editions");
        }
        Decision.Refused identity = holderRefusal(actor, "you");
        if (identity != null) {
            return identity;
        }
        int remaining = a.entry.editions() - a.minted;
        if (remaining == 0) {
            return refused(Decision.EDITIONS_EXHAUSTED, "all " + a.entry.editions() + " editions are minted");
        }
        int count = m.count() == 0 ? remaining : m.count();
        if (count > remaining) {
            return refused(Decision.EDITIONS_EXHAUSTED, "only " + remaining + " of " + a.entry.editions()
                    + " editions remain; cannot mint " + count);
        }
        return new Decision.Allowed(new LedgerEntry.Mint(m.asset(), a.minted + 1, count, actor.id(), at));
    }

    private Decision transfer(AssetCommand.Transfer t, Standing actor, Standing to, long at) {
        if (to == null || !to.id().equals(t.to())) {
            throw new IllegalArgumentException("a transfer to " + t.to() + " needs that account's standing, got "
                    + (to == null ? "none" : "the standing of " + to.id()));
        }
        Asset a = assets.get(t.asset());
        if (a == null) {
            return refused(Decision.NOT_FOUND, "no asset " + t.asset());
        }
        Edition e = editions.get(new EditionKey(t.asset(), t.edition()));
        Decision.Refused notHeld = notHeld(a, e, t.asset(), t.edition(), actor);
        if (notHeld != null) {
            return notHeld;
        }
        if (t.to().equals(actor.id())) {
            return refused(Decision.SELF_TRANSFER, "you already hold edition " + t.edition());
        }
        Decision.Refused recipient = holderRefusal(to, "the recipient");
        if (recipient != null) {
            return recipient;
        }
        // The holding period and the daily limit restrain collectors passing editions on; the creator handing out
        // freshly minted editions (the first distribution, 首发) is what they follow, not what they restrain.
        if (e.primary) {
            return new Decision.Allowed(new LedgerEntry.Transfer(t.asset(), t.edition(), actor.id(), to.id(),
                    e.lastLogIndex, at));
        }
        long free = e.acquiredAt + minHoldingMs;
        if (at < free) {
            return refused(Decision.HOLDING_PERIOD, "edition " + t.edition() + " may be given on from "
                    + Instant.ofEpochMilli(free) + " (held since " + Instant.ofEpochMilli(e.acquiredAt)
                    + "; the minimum holding period is " + policy.minHolding().toDays() + " days)");
        }
        DayCount today = transfersByDay.get(actor.id());
        long day = day(at);
        if (today != null && today.day == day && today.count >= policy.maxTransfersPerDay()) {
            return refused(Decision.TRANSFER_LIMIT, "you gave " + today.count + " editions today; the limit is "
                    + policy.maxTransfersPerDay() + " a day; the next day starts at "
                    + Instant.ofEpochMilli((day + 1) * DAY_MS - dayOffsetMs) + dayLabel());
        }
        return new Decision.Allowed(new LedgerEntry.Transfer(t.asset(), t.edition(), actor.id(), t.to(),
                e.lastLogIndex, at));
    }

    private Decision burn(AssetCommand.Burn b, Standing actor, long at) {
        Asset a = assets.get(b.asset());
        if (a == null) {
            return refused(Decision.NOT_FOUND, "no asset " + b.asset());
        }
        Edition e = editions.get(new EditionKey(b.asset(), b.edition()));
        Decision.Refused notHeld = notHeld(a, e, b.asset(), b.edition(), actor);
        if (notHeld != null) {
            return notHeld;
        }
        return new Decision.Allowed(new LedgerEntry.Burn(b.asset(), b.edition(), actor.id(), e.lastLogIndex, at));
    }

    /** Why {@code actor} cannot act on edition {@code e} as its holder, or null when it can. */
    private static Decision.Refused notHeld(Asset a, Edition e, AssetId asset, int edition, Standing actor) {
        if (e == null) {
            return refused(Decision.EDITION_NOT_FOUND, "asset " + asset + " has no edition " + edition
                    + " (minted: 1 to " + a.minted + ")");
        }
        if (e.burned) {
            return refused(Decision.EDITION_BURNED, "edition " + edition + " of " + asset + " was burned");
        }
        if (!e.holder.equals(actor.id())) {
            return refused(Decision.NOT_HOLDER, "you do not hold edition " + edition + " of " + asset);
        }
        return null;
    }

    /** Why an account may not hold assets under the policy, or null. */
    private Decision.Refused holderRefusal(Standing s, String who) {
        if (!policy.realNameRequired() || s.operator()) {
            return null;
        }
        if (!s.verified()) {
            return refused(Decision.IDENTITY_UNVERIFIED, who + " must verify a real name before holding digital"
                    + " assets");
        }
        if (!s.adult()) {
            return refused(Decision.IDENTITY_MINOR, "digital collectibles are held by adults (" + policy.adultAge()
                    + " or older) only");
        }
        return null;
    }

    private static Decision.Refused refused(String code, String message) {
        return new Decision.Refused(code, message);
    }

    /** The calendar day (days since 1970-01-01 at the book's offset) of an instant. */
    private long day(long epochMs) {
        return Math.floorDiv(epochMs + dayOffsetMs, DAY_MS);
    }

    private String dayLabel() {
        return dayOffsetMs == 0 ? " (days are UTC)" : " (days are UTC" + ZoneOffset.ofTotalSeconds(
                (int) (dayOffsetMs / 1000)) + ")";
    }

    // ---- applying

    /**
     * Applies an entry at {@code logIndex}; entries come in log order. Checks that the entry fits the state (the
     * chain of {@code prev}, the holder, edition numbers), so a log that was tampered with or replayed out of order
     * stops the rebuild instead of becoming a wrong state.
     *
     * @throws IllegalStateException naming the log index when the entry does not fit the state
     */
    public void apply(LedgerEntry entry, long logIndex) {
        switch (entry) {
            case LedgerEntry.Register r -> {
                if (assets.containsKey(r.asset()) || contentHashes.contains(r.contentHash())) {
                    throw misfit(logIndex, "registers asset " + r.asset() + " (" + r.contentHash()
                            + ") a second time");
                }
                assets.put(r.asset(), new Asset(r, logIndex));
                contentHashes.add(r.contentHash());
            }
            case LedgerEntry.Mint m -> {
                Asset a = require(m.asset(), logIndex);
                if (m.first() != a.minted + 1 || m.first() + m.count() - 1 > a.entry.editions()
                        || !m.to().equals(a.entry.creator())) {
                    throw misfit(logIndex, "mints editions " + m.first() + ".." + (m.first() + m.count() - 1)
                            + " to " + m.to() + "; asset " + m.asset() + " has " + a.minted + " of "
                            + a.entry.editions() + " minted, by creator " + a.entry.creator());
                }
                Set<EditionKey> held = holdings.computeIfAbsent(m.to(), x -> new LinkedHashSet<>());
                for (int n = m.first(); n < m.first() + m.count(); n++) {
                    Edition e = new Edition();
                    e.holder = m.to();
                    e.primary = true;
                    e.acquiredAt = m.at();
                    e.lastLogIndex = logIndex;
                    EditionKey key = new EditionKey(m.asset(), n);
                    editions.put(key, e);
                    held.add(key);
                }
                a.minted += m.count();
            }
            case LedgerEntry.Transfer t -> {
                EditionKey key = new EditionKey(t.asset(), t.edition());
                Edition e = requireHeld(key, t.from(), t.prev(), logIndex);
                release(e.holder, key);
                boolean firstDistribution = e.primary;
                e.holder = t.to();
                e.primary = false;
                e.acquiredAt = t.at();
                e.lastLogIndex = logIndex;
                holdings.computeIfAbsent(t.to(), x -> new LinkedHashSet<>()).add(key);
                if (firstDistribution) {
                    break; // not a collector's gift: the daily limit does not count it
                }
                DayCount c = transfersByDay.get(t.from());
                if (c == null) {
                    c = new DayCount();
                    transfersByDay.put(t.from(), c);
                }
                long d = day(t.at());
                if (d > c.day) {
                    c.day = d;
                    c.count = 0;
                }
                if (d == c.day) {
                    c.count++;
                } // else: a clock that stepped back a day; the newer day's count stands
            }
            case LedgerEntry.Burn b -> {
                EditionKey key = new EditionKey(b.asset(), b.edition());
                Edition e = requireHeld(key, b.from(), b.prev(), logIndex);
                release(e.holder, key);
                e.burned = true;
                e.lastLogIndex = logIndex;
                assets.get(b.asset()).burned++;
            }
        }
    }

    private void release(AccountId holder, EditionKey key) {
        Set<EditionKey> held = holdings.get(holder);
        if (held != null) {
            held.remove(key);
            if (held.isEmpty()) {
                holdings.remove(holder);
            }
        }
    }

    private Asset require(AssetId id, long logIndex) {
        Asset a = assets.get(id);
        if (a == null) {
            throw misfit(logIndex, "names asset " + id + ", which is not registered");
        }
        return a;
    }

    private Edition requireHeld(EditionKey key, AccountId from, long prev, long logIndex) {
        Edition e = editions.get(key);
        if (e == null) {
            throw misfit(logIndex, "names edition " + key.edition() + " of " + key.asset() + ", which was never"
                    + " minted");
        }
        if (e.burned || !e.holder.equals(from) || e.lastLogIndex != prev || logIndex <= prev) {
            throw misfit(logIndex, "moves edition " + key.edition() + " of " + key.asset() + " from " + from
                    + " after entry " + prev + "; the edition is " + (e.burned ? "burned" : "held by " + e.holder)
                    + " since entry " + e.lastLogIndex);
        }
        return e;
    }

    private static IllegalStateException misfit(long logIndex, String what) {
        return new IllegalStateException("log entry " + logIndex + " " + what);
    }

    // ---- reading (writer thread too)

    public Optional<AssetView> asset(AssetId id) {
        Asset a = assets.get(id);
        if (a == null) {
            return Optional.empty();
        }
        LedgerEntry.Register r = a.entry;
        return Optional.of(new AssetView(id, r.contentHash(), r.format(), r.size(), r.title(), r.creator(),
                r.licence(), r.editions(), a.minted, a.burned, r.at(), a.logIndex));
    }

    public Optional<EditionView> edition(AssetId asset, int edition) {
        EditionKey key = new EditionKey(asset, edition);
        Edition e = editions.get(key);
        return e == null ? Optional.empty() : Optional.of(view(key, e));
    }

    /** The editions an account holds now (not burned), in the order it got them. */
    public List<EditionView> holdings(AccountId account) {
        Set<EditionKey> keys = holdings.get(account);
        if (keys == null) {
            return List.of();
        }
        List<EditionView> out = new ArrayList<>(keys.size());
        for (EditionKey k : keys) {
            out.add(view(k, editions.get(k)));
        }
        return out;
    }

    /** Every registered asset, in no particular order. */
    public List<AssetView> assets() {
        List<AssetView> out = new ArrayList<>(assets.size());
        for (AssetId id : assets.keySet()) {
            asset(id).ifPresent(out::add);
        }
        return out;
    }

    /** Transfers {@code account} made on the calendar day of {@code now}, to show how many remain. */
    public int transfersOn(AccountId account, Instant now) {
        DayCount c = transfersByDay.get(account);
        return c != null && c.day == day(now.toEpochMilli()) ? c.count : 0;
    }

    private EditionView view(EditionKey k, Edition e) {
        return new EditionView(k.asset(), k.edition(), e.holder, e.acquiredAt, e.lastLogIndex, e.burned,
                e.primary ? e.acquiredAt : e.acquiredAt + minHoldingMs);
    }
}
