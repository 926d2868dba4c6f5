package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy and the state machine, ticked by hand: every instant is an argument, nothing sleeps. */
class AssetBookTest {
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HOLD = Duration.ofDays(180);

    private static final Standing CREATOR = new Standing(id(1), true, true, true, false);
    private static final Standing ALICE = new Standing(id(2), true, true, false, false);
    private static final Standing BOB = new Standing(id(3), true, true, false, false);
    private static final Standing CAROL = new Standing(id(4), true, true, false, false);
    private static final Standing MINOR = new Standing(id(5), true, false, false, false);
    private static final Standing ANON = new Standing(id(6), false, false, false, false);
    private static final Standing OPERATOR = new Standing(id(7), false, false, false, true);
    private static final Standing UNAPPROVED = new Standing(id(8), true, true, false, false);
    private static final List<Standing> EVERYONE = List.of(CREATOR, ALICE, BOB, CAROL, MINOR, ANON, OPERATOR,
            UNAPPROVED);

    private static final AssetId ART = new AssetId(new UUID(0xA, 1));

    /** A book and the log it was fed: decide, and when allowed apply at the next index, as the writer does. */
    private static final class Ledger {
        final AssetBook book;
        final List<LedgerEntry> log = new ArrayList<>();

        Ledger(AssetPolicy policy) {
            this.book = new AssetBook(policy, CST);
        }

        Decision run(AssetCommand c, Standing actor, Standing counterpart, Instant now) {
            Decision d = book.decide(c, actor, counterpart, now);
            if (d instanceof Decision.Allowed a) {
                book.apply(a.entry(), log.size());
                log.add(a.entry());
            }
            return d;
        }

        LedgerEntry ok(AssetCommand c, Standing actor, Standing counterpart, Instant now) {
            Decision d = run(c, actor, counterpart, now);
            assertThat(d).as(c + " by " + actor.id()).isInstanceOf(Decision.Allowed.class);
            return ((Decision.Allowed) d).entry();
        }

        Decision.Refused refused(AssetCommand c, Standing actor, Standing counterpart, Instant now, String code) {
            int before = log.size();
            Decision d = run(c, actor, counterpart, now);
            assertThat(d).as(c + " by " + actor.id()).isInstanceOf(Decision.Refused.class);
            Decision.Refused r = (Decision.Refused) d;
            assertThat(r.code()).as(r.message()).isEqualTo(code);
            assertThat(r.message()).isNotBlank();
            assertThat(log).hasSize(before);
            return r;
        }

        /** Registers ART by CREATOR with {@code editions} and mints {@code minted} of them, at T0. */
        Ledger withArt(int editions, int minted) {
            ok(register(ART, "a", editions), CREATOR, null, T0);
            if (minted > 0) {
                ok(new AssetCommand.Mint(ART, minted), CREATOR, null, T0);
            }
            return this;
        }
    }

    private static AccountId id(int n) {
        return new AccountId(new UUID(0x5EED, n));
    }

    private static AssetCommand.Register register(AssetId asset, String content, int editions) {
        return new AssetCommand.Register(asset, hash(content), MediaFormat.GLB, 1234, "title " + content, "CC0",
                editions);
    }

    private static String hash(String content) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static AssetCommand.Transfer give(int edition, Standing to) {
        return new AssetCommand.Transfer(ART, edition, to.id());
    }

    private static AssetPolicy policy(Duration hold, int perDay) {
        return new AssetPolicy(true, 18, hold, perDay, true, 10_000);
    }

    // ---- the entries decide() makes

    @Test
    void allowedCommandsBecomeTheirEntries() {
        Ledger l = new Ledger(AssetPolicy.defaults());
        LedgerEntry r = l.ok(register(ART, "a", 5), CREATOR, null, T0);
        assertThat(r).isEqualTo(new LedgerEntry.Register(ART, hash("a"), MediaFormat.GLB, 1234, "title a",
                CREATOR.id(), "CC0", 5, T0.toEpochMilli()));
        assertThat(l.ok(new AssetCommand.Mint(ART, 2), CREATOR, null, T0.plusMillis(1)))
                .isEqualTo(new LedgerEntry.Mint(ART, 1, 2, CREATOR.id(), T0.toEpochMilli() + 1));
        assertThat(l.ok(new AssetCommand.Mint(ART, 0), CREATOR, null, T0.plusMillis(2)))
                .as("count 0: all that remain").isEqualTo(new LedgerEntry.Mint(ART, 3, 3, CREATOR.id(),
                        T0.toEpochMilli() + 2));
        Instant later = T0.plus(HOLD).plusSeconds(1);
        assertThat(l.ok(give(2, ALICE), CREATOR, ALICE, later))
                .isEqualTo(new LedgerEntry.Transfer(ART, 2, CREATOR.id(), ALICE.id(), 1, later.toEpochMilli()));
        assertThat(l.ok(new AssetCommand.Burn(ART, 2), ALICE, null, later))
                .as("prev is the transfer's index").isEqualTo(new LedgerEntry.Burn(ART, 2, ALICE.id(), 3,
                        later.toEpochMilli()));
    }

    // ---- every refusal code

    @Test
    void notFound() {
        Ledger l = new Ledger(AssetPolicy.defaults());
        l.refused(new AssetCommand.Mint(ART, 1), CREATOR, null, T0, Decision.NOT_FOUND);
        l.refused(give(1, ALICE), CREATOR, ALICE, T0, Decision.NOT_FOUND);
        l.refused(new AssetCommand.Burn(ART, 1), CREATOR, null, T0, Decision.NOT_FOUND);
    }

    @Test
    void editionNotFound() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        Instant later = T0.plus(HOLD);
        assertThat(l.refused(give(4, ALICE), CREATOR, ALICE, later, Decision.EDITION_NOT_FOUND).message())
                .contains("1 to 3");
        l.refused(give(0, ALICE), CREATOR, ALICE, later, Decision.EDITION_NOT_FOUND);
        l.refused(give(-1, ALICE), CREATOR, ALICE, later, Decision.EDITION_NOT_FOUND);
        l.refused(new AssetCommand.Burn(ART, 11), CREATOR, null, later, Decision.EDITION_NOT_FOUND);
    }

    @Test
    void notHolder() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        Instant later = T0.plus(HOLD);
        l.refused(give(1, BOB), ALICE, BOB, later, Decision.NOT_HOLDER);
        l.refused(new AssetCommand.Burn(ART, 1), ALICE, null, later, Decision.NOT_HOLDER);
        l.refused(new AssetCommand.Burn(ART, 1), OPERATOR, null, later, Decision.NOT_HOLDER);
    }

    @Test
    void editionBurned() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        l.ok(new AssetCommand.Burn(ART, 2), CREATOR, null, T0.plusSeconds(1));
        Instant later = T0.plus(HOLD);
        l.refused(give(2, ALICE), CREATOR, ALICE, later, Decision.EDITION_BURNED);
        l.refused(new AssetCommand.Burn(ART, 2), CREATOR, null, later, Decision.EDITION_BURNED);
        assertThat(l.book.edition(ART, 2)).get().satisfies(e -> {
            assertThat(e.burned()).isTrue();
            assertThat(e.holder()).as("a burned edition keeps its last holder").isEqualTo(CREATOR.id());
            assertThat(e.lastLogIndex()).isEqualTo(2);
        });
        assertThat(l.book.asset(ART).orElseThrow().burned()).isEqualTo(1);
        assertThat(l.book.asset(ART).orElseThrow().minted()).isEqualTo(3);
    }

    /**
     * The creator hands out freshly minted editions at once (the first distribution); a collector waits 180 days from
     * receiving: 1 ms before, refused saying when; exactly then, allowed; and it restarts for the next holder.
     */
    @Test
    void holdingPeriodBoundary() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        assertThat(l.book.edition(ART, 1).orElseThrow().transferableAt()).isEqualTo(T0.toEpochMilli());
        l.ok(give(1, ALICE), CREATOR, ALICE, T0);
        Instant free = T0.plus(HOLD);
        EditionView e = l.book.edition(ART, 1).orElseThrow();
        assertThat(e.acquiredAt()).isEqualTo(T0.toEpochMilli());
        assertThat(e.transferableAt()).isEqualTo(free.toEpochMilli());
        Decision.Refused r = l.refused(give(1, BOB), ALICE, BOB, free.minusMillis(1), Decision.HOLDING_PERIOD);
        assertThat(r.message()).contains(free.toString(), "180 days");
        l.ok(give(1, BOB), ALICE, BOB, free);
        l.refused(give(1, ALICE), BOB, ALICE, free.plus(HOLD).minusMillis(1), Decision.HOLDING_PERIOD);
        l.ok(give(1, ALICE), BOB, ALICE, free.plus(HOLD));
    }

    /** The first distribution is neither held back nor counted against the creator's daily gifts. */
    @Test
    void theFirstDistributionIsNotRestrained() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 10);
        for (int e = 1; e <= 10; e++) {
            l.ok(give(e, e % 2 == 0 ? ALICE : BOB), CREATOR, e % 2 == 0 ? ALICE : BOB, T0.plusSeconds(e));
        }
        assertThat(l.book.transfersOn(CREATOR.id(), T0)).isZero();
        l.refused(give(2, BOB), ALICE, BOB, T0.plusSeconds(60), Decision.HOLDING_PERIOD);
    }


    /** A burn is not a transfer: the holder may burn at once. */
    @Test
    void burnIgnoresTheHoldingPeriod() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 1);
        l.ok(new AssetCommand.Burn(ART, 1), CREATOR, null, T0);
    }

    /**
     * Three gifts a day, days in China Standard Time: the fourth is refused until 16:00 UTC, which is midnight in
     * Beijing; the refusal says when the next day starts.
     */
    @Test
    void transferLimitDayTurnsAtMidnightChinaTime() {
        Ledger l = new Ledger(policy(Duration.ZERO, 3)).withArt(10, 10);
        Instant morning = Instant.parse("2026-03-01T00:30:00Z"); // 08:30 CST, 1 March
        for (int e = 1; e <= 4; e++) {
            l.ok(give(e, ALICE), CREATOR, ALICE, morning.minusSeconds(60 - e)); // the first distribution
        }
        for (int e = 1; e <= 3; e++) {
            l.ok(give(e, BOB), ALICE, BOB, morning.plusSeconds(e));
        }
        assertThat(l.book.transfersOn(ALICE.id(), morning)).isEqualTo(3);
        Instant lastMs = Instant.parse("2026-03-01T15:59:59.999Z"); // 23:59:59.999 CST
        Decision.Refused r = l.refused(give(4, BOB), ALICE, BOB, lastMs, Decision.TRANSFER_LIMIT);
        assertThat(r.message()).contains("2026-03-01T16:00:00Z", "UTC+08:00");
        // the limit is the giver's: Bob may still give, and receiving did not count for him
        assertThat(l.book.transfersOn(BOB.id(), morning)).isZero();
        l.ok(give(1, ALICE), BOB, ALICE, lastMs);
        Instant midnight = Instant.parse("2026-03-01T16:00:00Z"); // 00:00 CST, 2 March
        assertThat(l.book.transfersOn(ALICE.id(), midnight)).isZero();
        l.ok(give(4, BOB), ALICE, BOB, midnight);
        assertThat(l.book.transfersOn(ALICE.id(), midnight)).isEqualTo(1);
    }


    /** The same gifts in a book that counts UTC days: 16:00 UTC is still the same day there. */
    @Test
    void transferLimitInAUtcBook() {
        AssetBook book = new AssetBook(policy(Duration.ZERO, 1), ZoneOffset.UTC);
        List<LedgerEntry> log = new ArrayList<>();
        Instant morning = Instant.parse("2026-03-01T00:30:00Z");
        for (AssetCommand c : List.of(register(ART, "a", 5), new AssetCommand.Mint(ART, 5))) {
            LedgerEntry e = ((Decision.Allowed) book.decide(c, CREATOR, null, morning)).entry();
            book.apply(e, log.size());
            log.add(e);
        }
        for (int ed = 1; ed <= 2; ed++) { // the first distribution, to Alice
            LedgerEntry e = ((Decision.Allowed) book.decide(give(ed, ALICE), CREATOR, ALICE, morning)).entry();
            book.apply(e, log.size());
            log.add(e);
        }
        LedgerEntry t = ((Decision.Allowed) book.decide(give(1, BOB), ALICE, BOB, morning)).entry();
        book.apply(t, log.size());
        Decision d = book.decide(give(2, BOB), ALICE, BOB, Instant.parse("2026-03-01T16:00:00Z"));
        assertThat(d).isInstanceOf(Decision.Refused.class);
        assertThat(((Decision.Refused) d).message()).contains("2026-03-02T00:00:00Z", "days are UTC");
        assertThat(book.decide(give(2, BOB), ALICE, BOB, Instant.parse("2026-03-02T00:00:00Z")))
                .isInstanceOf(Decision.Allowed.class);
    }

    /** docs/ledger.md, "Policy": gifts per calendar day in China Standard Time; the server builds its book so. */
    @Test
    void theOneArgumentBookCountsChinaStandardTimeDays() {
        AssetBook book = new AssetBook(policy(Duration.ZERO, 1));
        Instant morning = Instant.parse("2026-03-01T00:30:00Z");
        long i = 0;
        for (AssetCommand c : List.of(register(ART, "a", 5), new AssetCommand.Mint(ART, 5))) {
            book.apply(((Decision.Allowed) book.decide(c, CREATOR, null, morning)).entry(), i++);
        }
        for (int ed = 1; ed <= 2; ed++) { // the first distribution, to Alice
            book.apply(((Decision.Allowed) book.decide(give(ed, ALICE), CREATOR, ALICE, morning)).entry(), i++);
        }
        book.apply(((Decision.Allowed) book.decide(give(1, BOB), ALICE, BOB, morning)).entry(), i);
        assertThat(book.decide(give(2, BOB), ALICE, BOB, Instant.parse("2026-03-01T15:59:59.999Z")))
                .isInstanceOf(Decision.Refused.class);
        assertThat(book.decide(give(2, BOB), ALICE, BOB, Instant.parse("2026-03-01T16:00:00Z")))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void identityUnverified() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        Instant later = T0.plus(HOLD);
        assertThat(l.refused(give(1, ANON), CREATOR, ANON, later, Decision.IDENTITY_UNVERIFIED).message())
                .contains("recipient");
        Standing unverifiedCreator = new Standing(id(20), false, true, true, false);
        l.refused(register(new AssetId(new UUID(0xB, 1)), "b", 1), unverifiedCreator, null, T0,
                Decision.IDENTITY_UNVERIFIED);
        // the creator's standing is taken at each command: a creator that lost its verification cannot mint
        Standing lapsed = new Standing(CREATOR.id(), false, true, true, false);
        l.refused(new AssetCommand.Mint(ART, 1), lapsed, null, later, Decision.IDENTITY_UNVERIFIED);
    }

    @Test
    void identityMinor() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        l.refused(give(1, MINOR), CREATOR, MINOR, T0.plus(HOLD), Decision.IDENTITY_MINOR);
        Standing minorCreator = new Standing(id(21), true, false, true, false);
        l.refused(register(new AssetId(new UUID(0xB, 2)), "b", 1), minorCreator, null, T0, Decision.IDENTITY_MINOR);
    }

    @Test
    void creatorNotApproved() {
        Ledger l = new Ledger(AssetPolicy.defaults());
        l.refused(register(ART, "a", 1), UNAPPROVED, null, T0, Decision.CREATOR_NOT_APPROVED);
        l.refused(register(ART, "a", 1), ANON, null, T0, Decision.CREATOR_NOT_APPROVED);
        Ledger open = new Ledger(new AssetPolicy(true, 18, HOLD, 3, false, 10_000));
        open.ok(register(ART, "a", 1), UNAPPROVED, null, T0);
    }

    @Test
    void editionsExhausted() {
        Ledger l = new Ledger(AssetPolicy.defaults());
        l.refused(register(ART, "a", 10_001), CREATOR, null, T0, Decision.EDITIONS_EXHAUSTED);
        l.refused(register(ART, "a", 0), CREATOR, null, T0, Decision.EDITIONS_EXHAUSTED);
        l.ok(register(ART, "a", 10_000), CREATOR, null, T0);
        l.ok(new AssetCommand.Mint(ART, 9_998), CREATOR, null, T0);
        assertThat(l.refused(new AssetCommand.Mint(ART, 3), CREATOR, null, T0, Decision.EDITIONS_EXHAUSTED)
                .message()).contains("only 2");
        l.ok(new AssetCommand.Mint(ART, 2), CREATOR, null, T0);
        l.refused(new AssetCommand.Mint(ART, 1), CREATOR, null, T0, Decision.EDITIONS_EXHAUSTED);
        l.refused(new AssetCommand.Mint(ART, 0), CREATOR, null, T0, Decision.EDITIONS_EXHAUSTED);
        assertThat(l.book.asset(ART).orElseThrow().remaining()).isZero();
        assertThat(l.book.holdings(CREATOR.id())).hasSize(10_000);
    }

    @Test
    void selfTransfer() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        l.refused(give(1, CREATOR), CREATOR, CREATOR, T0.plus(HOLD), Decision.SELF_TRANSFER);
    }

    @Test
    void notCreator() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 0);
        l.refused(new AssetCommand.Mint(ART, 1), ALICE, null, T0, Decision.NOT_CREATOR);
        l.refused(new AssetCommand.Mint(ART, 1), OPERATOR, null, T0, Decision.NOT_CREATOR);
    }

    @Test
    void existsByIdOrByContent() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 0);
        l.refused(register(ART, "other content", 1), CREATOR, null, T0, Decision.EXISTS);
        Decision.Refused r = l.refused(register(new AssetId(new UUID(0xC, 1)), "a", 1), OPERATOR, null, T0,
                Decision.EXISTS);
        assertThat(r.message()).contains(hash("a"));
    }

    /** A transfer's standing must be the recipient's: anything else is a bug in the caller, not a refusal. */
    @Test
    void transferWithoutTheRecipientsStandingIsABug() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        assertThatIllegalArgumentException().isThrownBy(() -> l.book.decide(give(1, ALICE), CREATOR, null, T0));
        assertThatIllegalArgumentException().isThrownBy(() -> l.book.decide(give(1, ALICE), CREATOR, BOB, T0));
    }

    // ---- who may hold

    @Test
    void operatorsAreExemptFromRealName() {
        Ledger l = new Ledger(policy(Duration.ZERO, 3));
        AssetId org = new AssetId(new UUID(0xD, 1));
        l.ok(register(org, "org", 3), OPERATOR, null, T0);
        l.ok(new AssetCommand.Mint(org, 0), OPERATOR, null, T0);
        l.ok(new AssetCommand.Transfer(org, 1, ALICE.id()), OPERATOR, ALICE, T0);
        l.ok(new AssetCommand.Transfer(org, 1, OPERATOR.id()), ALICE, OPERATOR, T0);
        // the recipient rule still applies to whom an operator gives
        l.refused(new AssetCommand.Transfer(org, 2, ANON.id()), OPERATOR, ANON, T0, Decision.IDENTITY_UNVERIFIED);
        l.refused(new AssetCommand.Transfer(org, 2, MINOR.id()), OPERATOR, MINOR, T0, Decision.IDENTITY_MINOR);
    }

    @Test
    void withoutRealNamesAnyoneMayHold() {
        Ledger l = new Ledger(new AssetPolicy(false, 18, Duration.ZERO, 5, true, 100)).withArt(5, 5);
        l.ok(give(1, ANON), CREATOR, ANON, T0);
        l.ok(give(2, MINOR), CREATOR, MINOR, T0);
        l.ok(give(1, MINOR), ANON, MINOR, T0);
    }

    /** Holders must hold at least until the recipient is checked: an unverified holder may still give away. */
    @Test
    void theSenderIsNotCheckedOnlyTheRecipient() {
        Ledger l = new Ledger(policy(Duration.ZERO, 3)).withArt(5, 2);
        l.ok(give(1, ALICE), CREATOR, ALICE, T0);
        Standing aliceLapsed = new Standing(ALICE.id(), false, true, false, false);
        l.ok(give(1, BOB), aliceLapsed, BOB, T0);
    }

    // ---- decide changes nothing; double spend

    @Test
    void decideChangesNothing() {
        Ledger l = new Ledger(policy(Duration.ofDays(1), 2)).withArt(10, 4);
        l.ok(give(1, ALICE), CREATOR, ALICE, T0.plus(Duration.ofDays(1)));
        Map<String, Object> before = snapshot(l.book, T0.plus(Duration.ofDays(1)));
        Instant now = T0.plus(Duration.ofDays(1));
        List<AssetCommand> commands = List.of(give(2, BOB), give(1, BOB), give(9, BOB), give(3, CREATOR),
                new AssetCommand.Burn(ART, 2), new AssetCommand.Burn(ART, 1), new AssetCommand.Mint(ART, 3),
                new AssetCommand.Mint(ART, 0), new AssetCommand.Mint(ART, 100), register(ART, "z", 1),
                register(new AssetId(new UUID(0xE, 1)), "z", 1));
        for (Standing actor : EVERYONE) {
            for (AssetCommand c : commands) {
                Standing to = c instanceof AssetCommand.Transfer t
                        ? EVERYONE.stream().filter(s -> s.id().equals(t.to())).findFirst().orElseThrow() : null;
                Decision first = l.book.decide(c, actor, to, now);
                assertThat(l.book.decide(c, actor, to, now)).isEqualTo(first);
            }
        }
        assertThat(snapshot(l.book, now)).isEqualTo(before);
    }

    /**
     * Two gifts of one edition decided against the same state are both allowed; the writer applies the first and
     * decides the second again, against the new state, where it is not-holder. The stale second entry, if a buggy
     * caller applied it anyway, does not fit the state (its prev is the mint, not the first gift).
     */
    @Test
    void doubleSpend() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        Instant later = T0.plus(HOLD);
        Decision toAlice = l.book.decide(give(1, ALICE), CREATOR, ALICE, later);
        Decision toBob = l.book.decide(give(1, BOB), CREATOR, BOB, later);
        assertThat(toAlice).isInstanceOf(Decision.Allowed.class);
        assertThat(toBob).isInstanceOf(Decision.Allowed.class);
        l.book.apply(((Decision.Allowed) toAlice).entry(), l.log.size());
        l.log.add(((Decision.Allowed) toAlice).entry());
        l.refused(give(1, BOB), CREATOR, BOB, later, Decision.NOT_HOLDER);
        assertThatIllegalStateException()
                .isThrownBy(() -> l.book.apply(((Decision.Allowed) toBob).entry(), l.log.size()))
                .withMessageContaining("log entry 3");
        assertThat(l.book.edition(ART, 1).orElseThrow().holder()).isEqualTo(ALICE.id());
    }

    // ---- apply checks that entries fit

    @Test
    void applyRefusesEntriesThatDoNotFit() {
        Ledger l = new Ledger(AssetPolicy.defaults()).withArt(10, 3);
        long at = T0.toEpochMilli();
        AssetBook b = l.book;
        assertThatIllegalStateException().as("registered twice").isThrownBy(() -> b.apply(l.log.get(0), 2));
        assertThatIllegalStateException().as("same content, other id").isThrownBy(() -> b.apply(
                new LedgerEntry.Register(new AssetId(new UUID(9, 9)), hash("a"), MediaFormat.PNG, 1, "t",
                        CREATOR.id(), "", 1, at), 2));
        assertThatIllegalStateException().as("unknown asset")
                .isThrownBy(() -> b.apply(new LedgerEntry.Mint(new AssetId(new UUID(9, 9)), 1, 1, CREATOR.id(), at),
                        2));
        assertThatIllegalStateException().as("mint to another")
                .isThrownBy(() -> b.apply(new LedgerEntry.Mint(ART, 4, 1, ALICE.id(), at), 2));
        assertThatIllegalStateException().as("mint with a gap")
                .isThrownBy(() -> b.apply(new LedgerEntry.Mint(ART, 5, 1, CREATOR.id(), at), 2));
        assertThatIllegalStateException().as("mint past the editions")
                .isThrownBy(() -> b.apply(new LedgerEntry.Mint(ART, 4, 8, CREATOR.id(), at), 2));
        assertThatIllegalStateException().as("wrong prev")
                .isThrownBy(() -> b.apply(new LedgerEntry.Transfer(ART, 1, CREATOR.id(), ALICE.id(), 0, at), 2));
        assertThatIllegalStateException().as("wrong sender")
                .isThrownBy(() -> b.apply(new LedgerEntry.Transfer(ART, 1, BOB.id(), ALICE.id(), 1, at), 2));
        assertThatIllegalStateException().as("index not after prev")
                .isThrownBy(() -> b.apply(new LedgerEntry.Transfer(ART, 1, CREATOR.id(), ALICE.id(), 1, at), 1));
        assertThatIllegalStateException().as("never minted")
                .isThrownBy(() -> b.apply(new LedgerEntry.Burn(ART, 4, CREATOR.id(), 1, at), 2));
        assertThat(snapshot(b, T0)).isEqualTo(snapshot(new Ledger(AssetPolicy.defaults()).withArt(10, 3).book, T0));
    }

    // ---- reading

    /** Holdings in the order the account got them; a gift moves an edition to the end of the new holder's list. */
    @Test
    void holdingsOrderAndContent() {
        Ledger l = new Ledger(policy(Duration.ZERO, 100)).withArt(10, 4);
        assertThat(editions(l.book.holdings(CREATOR.id()))).containsExactly(1, 2, 3, 4);
        l.ok(give(2, ALICE), CREATOR, ALICE, T0.plusSeconds(1));
        l.ok(give(4, ALICE), CREATOR, ALICE, T0.plusSeconds(2));
        l.ok(give(1, ALICE), CREATOR, ALICE, T0.plusSeconds(3));
        assertThat(editions(l.book.holdings(CREATOR.id()))).containsExactly(3);
        assertThat(editions(l.book.holdings(ALICE.id()))).containsExactly(2, 4, 1);
        l.ok(new AssetCommand.Mint(ART, 2), CREATOR, null, T0.plusSeconds(4));
        l.ok(give(2, CREATOR), ALICE, CREATOR, T0.plusSeconds(5));
        assertThat(editions(l.book.holdings(CREATOR.id()))).containsExactly(3, 5, 6, 2);
        l.ok(new AssetCommand.Burn(ART, 4), ALICE, null, T0.plusSeconds(6));
        assertThat(editions(l.book.holdings(ALICE.id()))).containsExactly(1);
        l.ok(new AssetCommand.Burn(ART, 1), ALICE, null, T0.plusSeconds(7));
        assertThat(l.book.holdings(ALICE.id())).isEmpty();
        assertThat(l.book.holdings(BOB.id())).isEmpty();
        EditionView two = l.book.holdings(CREATOR.id()).get(3);
        assertThat(two).isEqualTo(new EditionView(ART, 2, CREATOR.id(), T0.plusSeconds(5).toEpochMilli(), 6, false,
                T0.plusSeconds(5).toEpochMilli()));
        AssetView a = l.book.asset(ART).orElseThrow();
        assertThat(a).isEqualTo(new AssetView(ART, hash("a"), MediaFormat.GLB, 1234, "title a", CREATOR.id(), "CC0",
                10, 6, 2, T0.toEpochMilli(), 0));
        assertThat(a.remaining()).isEqualTo(4);
        assertThat(l.book.assets()).containsExactly(a);
        assertThat(l.book.asset(new AssetId(new UUID(1, 1)))).isEmpty();
        assertThat(l.book.edition(ART, 7)).isEmpty();
    }

    // ---- replay

    /**
     * Random commands by random accounts at increasing random times, decided and applied live; then the log's
     * entries, encoded and decoded, applied to a fresh book. The two states are the same, and so are the decisions
     * both books give to the next commands.
     */
    @Test
    void replayRebuildsTheLiveState() throws EntryFormatException {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            AssetPolicy p = new AssetPolicy(true, 18, Duration.ofHours(30), 2, true, 20);
            Ledger live = new Ledger(p);
            List<AssetId> assets = new ArrayList<>();
            Instant now = T0;
            int allowed = 0;
            for (int step = 0; step < 400; step++) {
                now = now.plusMillis(rnd.nextInt(8 * 3_600_000));
                AssetCommand c = randomCommand(rnd, assets);
                Standing actor = EVERYONE.get(rnd.nextInt(EVERYONE.size()));
                if (c instanceof AssetCommand.Mint || c instanceof AssetCommand.Burn || rnd.nextInt(3) > 0) {
                    actor = holderOrCreator(live.book, c, actor);
                }
                Standing to = c instanceof AssetCommand.Transfer t ? standing(t.to()) : null;
                if (live.run(c, actor, to, now) instanceof Decision.Allowed) {
                    allowed++;
                    if (c instanceof AssetCommand.Register r) {
                        assets.add(r.asset());
                    }
                }
            }
            assertThat(allowed).as("seed %d", seed).isGreaterThan(60);
            assertThat(live.log.stream().map(LedgerEntry::kind).distinct()).as("seed %d", seed)
                    .contains("register", "mint", "transfer", "burn");
            AssetBook replayed = new AssetBook(p, CST);
            for (int i = 0; i < live.log.size(); i++) {
                replayed.apply(LedgerEntry.decode(live.log.get(i).encode()), i);
            }
            assertThat(snapshot(replayed, now)).as("seed %d", seed).isEqualTo(snapshot(live.book, now));
            for (int k = 0; k < 200; k++) {
                AssetCommand c = randomCommand(rnd, assets);
                Standing actor = holderOrCreator(live.book, c, EVERYONE.get(rnd.nextInt(EVERYONE.size())));
                Standing to = c instanceof AssetCommand.Transfer t ? standing(t.to()) : null;
                Instant at = now.plusMillis(rnd.nextInt(3 * 86_400_000));
                assertThat(replayed.decide(c, actor, to, at)).isEqualTo(live.book.decide(c, actor, to, at));
            }
        }
    }

    private static AssetCommand randomCommand(Random rnd, List<AssetId> assets) {
        int kind = assets.isEmpty() ? 0 : rnd.nextInt(10);
        if (kind == 0) {
            AssetId a = new AssetId(new UUID(rnd.nextLong(), rnd.nextLong()));
            return register(a, "c" + rnd.nextInt(40), 1 + rnd.nextInt(25));
        }
        AssetId a = assets.get(rnd.nextInt(assets.size()));
        int edition = 1 + rnd.nextInt(12);
        return switch (kind) {
            case 1, 2 -> new AssetCommand.Mint(a, rnd.nextInt(6));
            case 3 -> new AssetCommand.Burn(a, edition);
            default -> new AssetCommand.Transfer(a, edition, EVERYONE.get(rnd.nextInt(EVERYONE.size())).id());
        };
    }

    /** The account the command would need (the holder, the creator), so that random commands are often allowed. */
    private static Standing holderOrCreator(AssetBook book, AssetCommand c, Standing fallback) {
        AccountId who = switch (c) {
            case AssetCommand.Register r -> CREATOR.id();
            case AssetCommand.Mint m -> book.asset(m.asset()).map(AssetView::creator).orElse(fallback.id());
            case AssetCommand.Transfer t -> book.edition(t.asset(), t.edition()).map(EditionView::holder)
                    .orElse(fallback.id());
            case AssetCommand.Burn b -> book.edition(b.asset(), b.edition()).map(EditionView::holder)
                    .orElse(fallback.id());
        };
        return standing(who);
    }

    private static Standing standing(AccountId id) {
        return EVERYONE.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Integer> editions(List<EditionView> views) {
        return views.stream().map(EditionView::edition).toList();
    }

    /** Everything the book shows: assets, every minted edition, every account's holdings and gifts today. */
    private static Map<String, Object> snapshot(AssetBook book, Instant now) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<AssetView> assets = new ArrayList<>(book.assets());
        assets.sort((a, b) -> a.id().value().compareTo(b.id().value()));
        s.put("assets", assets);
        List<EditionView> editions = new ArrayList<>();
        for (AssetView a : assets) {
            for (int n = 0; n <= a.editions() + 1; n++) {
                book.edition(a.id(), n).ifPresent(editions::add);
            }
            assertThat(book.edition(a.id(), a.minted() + 1)).isEmpty();
        }
        s.put("editions", editions);
        for (Standing who : EVERYONE) {
            s.put("holdings " + who.id(), book.holdings(who.id()));
            s.put("gifts " + who.id(), book.transfersOn(who.id(), now));
        }
        return s;
    }
}
