package org.pujiang.bench.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pujiang.ledger.asset.AssetBook;
import org.pujiang.ledger.asset.AssetCommand;
import org.pujiang.ledger.asset.AssetPolicy;
import org.pujiang.ledger.asset.Decision;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.asset.MediaCheck;
import org.pujiang.ledger.asset.MediaVerdict;
import org.pujiang.ledger.asset.Standing;

class EntryGeneratorTest {
    private static final String HASH = "sha256:" + "0f".repeat(32);
    /** The policy the server replays under does not matter to apply(); decide() needs one that allows the pace. */
    private static final AssetPolicy FAST = new AssetPolicy(true, 18, Duration.ZERO, 1_000_000, true, 10_000);

    @Test
    void everyEntryIsCanonicalAndReplaysIntoTheBook() throws Exception {
        EntryGenerator g = new EntryGenerator(3, 50, 200, 1_700_000_000_000L, HASH, 1234);
        AssetBook book = new AssetBook(FAST);
        for (long i = 0; i < 20_000; i++) {
            assertThat(g.produced()).isEqualTo(i);
            LedgerEntry e = g.nextEntry();
            byte[] bytes = e.encode();
            assertThat(LedgerEntry.decode(bytes)).isEqualTo(e);
            assertThat(bytes.length).isLessThan(400);
            book.apply(e, i); // throws on an entry that does not fit the state
        }
        assertThat(book.asset(g.asset()).orElseThrow().minted()).isEqualTo(200);
    }

    @Test
    void eachTransferIsWhatThePolicyWouldHaveDecided() {
        EntryGenerator g = new EntryGenerator(11, 5, 20, 1_700_000_000_000L, HASH, 1234);
        AssetBook book = new AssetBook(FAST);
        LedgerEntry register = g.nextEntry();
        assertThat(register).isInstanceOf(LedgerEntry.Register.class);
        book.apply(register, 0);
        LedgerEntry mint = g.nextEntry();
        assertThat(mint).isInstanceOf(LedgerEntry.Mint.class);
        book.apply(mint, 1);
        for (long i = 2; i < 3_000; i++) {
            LedgerEntry.Transfer t = (LedgerEntry.Transfer) g.nextEntry();
            Decision d = book.decide(new AssetCommand.Transfer(t.asset(), t.edition(), t.to()), verified(t.from()),
                    verified(t.to()), Instant.ofEpochMilli(t.at()));
            assertThat(d).as("entry " + i).isEqualTo(new Decision.Allowed(t));
            book.apply(t, i);
        }
    }

    @Test
    void theSameSeedGivesTheSameLog() {
        EntryGenerator a = new EntryGenerator(5, 10, 30, 1_000, HASH, 99);
        EntryGenerator b = new EntryGenerator(5, 10, 30, 1_000, HASH, 99);
        EntryGenerator c = new EntryGenerator(6, 10, 30, 1_000, HASH, 99);
        boolean differs = false;
        for (int i = 0; i < 500; i++) {
            byte[] x = a.next();
            assertThat(b.next()).isEqualTo(x);
            differs |= !Arrays.equals(c.next(), x);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void refusesTooFewAccountsOrEditions() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EntryGenerator(1, 1, 10, 0, HASH, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new EntryGenerator(1, 2, 0, 0, HASH, 1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new EntryGenerator(1, 2, LedgerEntry.MAX_EDITIONS + 1, 0, HASH, 1));
    }

    @Test
    void theAppendPoolIsRealisticTransfers() throws Exception {
        byte[][] pool = LedgerAppendBench.entryPool(100);
        for (byte[] b : pool) {
            assertThat(LedgerEntry.decode(b)).isInstanceOf(LedgerEntry.Transfer.class);
            assertThat(b.length).isBetween(200, 320);
        }
    }

    @Test
    void theFilledAssetsFileIsAValidPng() {
        byte[] png = LedgerFillBench.png(12345);
        assertThat(MediaCheck.inspect(png, "bench.png")).isInstanceOf(MediaVerdict.Accepted.class);
        assertThat(LedgerFillBench.png(12346)).isNotEqualTo(png);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(LedgerAppendBench.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(LedgerAppendBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    private static Standing verified(org.pujiang.ledger.asset.AccountId id) {
        return new Standing(id, true, true, false, false);
    }
}
