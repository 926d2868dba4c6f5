package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.Enter;
import org.pujiang.space.RecordingSink.Exit;
import org.pujiang.space.RecordingSink.Goodbye;
import org.pujiang.space.RecordingSink.Update;
import org.pujiang.space.entity.EntityState;

class InterestTest {
    @Test
    void entitiesEnterAtTheRadiusAndExitOnlyBeyondTheHysteresis() {
        SpaceHarness h = new SpaceHarness(); // radius 30 m, exit at 33 m
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 31, 0);
        h.tick();
        assertThat(a.sees(2)).isFalse();

        h.teleport(2, 29.5f, 0, 0);
        h.tick();
        assertThat(a.sees(2)).isTrue();

        // drifting around the radius does not flap
        for (float x : new float[] {30.5f, 31.5f, 29.8f, 32.5f, 32.9f}) {
            h.teleport(2, x, 0, 0);
            h.tick();
            assertThat(a.sees(2)).as("at %s m", x).isTrue();
        }
        h.teleport(2, 33.2f, 0, 0);
        h.tick();
        assertThat(a.sees(2)).isFalse();
        assertThat(a.all(Enter.class).stream().filter(e -> e.state().entityId() == 2)).hasSize(1);
        assertThat(a.all(Exit.class)).hasSize(1);

        // and once out, it must come back inside the radius proper
        h.teleport(2, 31, 0, 0);
        h.tick();
        assertThat(a.sees(2)).isFalse();
    }

    @Test
    void inAPileOf200EachClientSeesExactlyItsKNearest() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withCapacity(200));
        SplittableRandom random = new SplittableRandom(3);
        float[][] pos = new float[201][];
        for (int id = 1; id <= 200; id++) {
            float x = (float) random.nextDouble(-8, 8);
            float z = (float) random.nextDouble(-8, 8);
            pos[id] = new float[] {x, z};
            h.joinAt(id, x, z);
        }
        h.tick();

        for (int id = 1; id <= 200; id++) {
            RecordingSink s = h.sink(id);
            int me = id;
            List<Integer> nearest = new ArrayList<>();
            for (int other = 1; other <= 200; other++) {
                if (other != me) {
                    nearest.add(other);
                }
            }
            nearest.sort(Comparator.comparingDouble((Integer o) -> d2(pos[me], pos[o])).thenComparing(o -> o));
            // entity ids follow join order here, so entity id == client id
            assertThat(s.visibleEntityIds()).as("client %d", id).hasSize(64)
                    .containsExactlyInAnyOrderElementsOf(nearest.subList(0, 64));
        }
    }

    private static double d2(float[] a, float[] b) {
        float dx = a[0] - b[0];
        float dz = a[1] - b[1];
        return dx * dx + dz * dz;
    }

    @Test
    void fartherTiersAreUpdatedLessOftenButNeverLoseTheFinalState() {
        SpaceHarness h = new SpaceHarness(); // every tick < 10 m, every 2nd < 20 m, every 4th beyond
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 5, 0);
        h.joinAt(3, 15, 0);
        h.joinAt(4, 25, 0);
        h.tick();
        a.clear();

        for (int t = 1; t <= 8; t++) {
            h.move(2, 5, 0, 0.1f * t);
            h.move(3, 15, 0, 0.1f * t);
            h.move(4, 25, 0, 0.1f * t);
            h.tick();
        }
        assertThat(a.updatesFor(a.localOf(2).orElseThrow())).hasSize(8);
        assertThat(a.updatesFor(a.localOf(3).orElseThrow())).hasSize(4);
        assertThat(a.updatesFor(a.localOf(4).orElseThrow())).hasSize(2);
        assertThat(h.metrics().updatesDeferred()).isPositive();

        // a last move, then quiet: the coalesced masks still deliver the final positions
        h.move(3, 15, 0, 5);
        h.move(4, 25, 0, 5);
        h.ticks(4);
        assertThat(a.stateOf(3).orElseThrow().z()).isEqualTo(5f);
        assertThat(a.stateOf(4).orElseThrow().z()).isEqualTo(5f);
        a.clear();
        h.ticks(8);
        assertThat(a.all(Update.class)).isEmpty();
    }

    @Test
    void aCoalescedUpdateCarriesEveryFieldThatChangedMeanwhile() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 25, 0);
        h.tick();
        a.clear();
        h.move(2, 25, 0, 0, 1, 0, 0); // rotation
        h.tick();
        h.move(2, 25, 0, 1, 1, 0, 0); // position
        h.tick();
        h.move(2, 25, 0, 1, 1, 0, 3); // animation
        h.ticks(4);
        List<Update> updates = a.updatesFor(a.localOf(2).orElseThrow());
        int union = updates.stream().mapToInt(Update::mask).reduce(0, (x, y) -> x | y);
        assertThat(updates.size()).isLessThan(3);
        assertThat(union).isEqualTo(org.pujiang.space.entity.ChangeMask.ROT | org.pujiang.space.entity.ChangeMask.POS
                | org.pujiang.space.entity.ChangeMask.ANIM);
        EntityState seen = a.stateOf(2).orElseThrow();
        assertThat(seen.z()).isEqualTo(1f);
        assertThat(seen.anim()).isEqualTo(3);
    }

    @Test
    void localIdsAreSmallAndAFreedIdIsNotReusedUntilTheDelayHasPassed() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withLocalIdReuseDelay(Duration.ofMillis(250)));
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 5, 0);
        h.ticks(2); // seen within one interest interval (100 ms = 2 ticks)
        int freed = a.localOf(2).orElseThrow();
        assertThat(freed).isEqualTo(2); // 1 is the client's own avatar
        h.teleport(2, 100, 0, 0);
        h.ticks(2);
        assertThat(a.sees(2)).isFalse();

        h.joinAt(3, 6, 0); // within the delay: a new id
        h.ticks(2);
        assertThat(a.localOf(3)).contains(3);

        h.ticks(5); // 250 ms = 5 ticks later the freed id is due again
        h.joinAt(4, 7, 0);
        h.ticks(2);
        assertThat(a.localOf(4)).contains(freed);
    }

    @Test
    void aClientThatIsBehindGetsOnlyTheNearestTierUntilItCatchesUp() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 5, 0);
        h.joinAt(3, 25, 0);
        h.tick();
        a.clear();
        a.backlog = 5; // over coalesceAt (2), under dropAt (20)
        for (int t = 1; t <= 8; t++) {
            h.move(2, 5, 0, 0.1f * t);
            h.move(3, 25, 0, 0.1f * t);
            h.tick();
        }
        assertThat(a.updatesFor(a.localOf(2).orElseThrow())).hasSize(8);
        assertThat(a.updatesFor(a.localOf(3).orElseThrow())).isEmpty();
        assertThat(h.metrics().updatesCoalesced()).isPositive();

        a.backlog = 0;
        h.ticks(4);
        assertThat(a.updatesFor(a.localOf(3).orElseThrow())).singleElement()
                .satisfies(u -> assertThat(u.state().z()).isEqualTo(0.8f));
    }

    @Test
    void aClientTooFarBehindForTwoSecondsIsDroppedAsTooSlowAndItsAvatarStaysResumable() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 5, 0);
        h.tick();
        a.backlog = 25;
        h.run(1.9);
        assertThat(a.goodbye()).isEmpty();
        a.backlog = 0; // caught up for a moment: the clock restarts
        h.tick();
        a.backlog = 25;
        h.run(1.9);
        assertThat(a.goodbye()).isEmpty();
        h.run(0.2);
        assertThat(a.goodbye()).map(Goodbye::code).contains(ErrorCode.TOO_SLOW);
        assertThat(h.metrics().clients()).isEqualTo(1);
        assertThat(h.metrics().resumable()).isEqualTo(1);
        assertThat(b.sees(1)).isTrue();
        assertThat(h.metrics().goodbyes(ErrorCode.TOO_SLOW)).isEqualTo(1);
    }

    @Test
    void aRemovedEntityExitsEveryViewAndItsSlotCanBeReusedSafely() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 5, 0);
        h.ticks(2);
        int old = a.localOf(2).orElseThrow();
        h.offer(new SpaceCommand.Leave(2));
        h.tick();
        // the next join reuses the store slot; the client must see an exit and a new, distinct entity
        h.joinAt(3, 5, 0);
        h.ticks(2);
        assertThat(a.all(Exit.class)).extracting(Exit::localId).containsExactly(old);
        assertThat(a.visibleEntityIds()).containsExactly(3);
        assertThat(a.localOf(3)).isNotEqualTo(java.util.Optional.of(old));
    }

    @Test
    void eachSetIsRecomputedOncePerInterestIntervalButAnEntityThatLeavesExitsAtOnce() {
        // 100 ms at 20 Hz: every client's set is recomputed every 2nd tick
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        h.joinAt(2, 5, 0);
        h.tick();
        h.tick();
        assertThat(a.sees(2)).isTrue();
        h.teleport(2, 200, 0, 0); // far out of range
        h.tick();
        h.tick();
        assertThat(a.sees(2)).as("out of range, gone at the next recomputation").isFalse();
        h.teleport(2, 5, 0, 0);
        h.ticks(2);
        assertThat(a.sees(2)).isTrue();
        h.offer(new SpaceCommand.Leave(2));
        h.tick(); // one tick, whatever the stagger: an entity that left the space never lingers
        assertThat(a.sees(2)).isFalse();
        assertThat(a.all(Exit.class)).hasSize(2);
    }

    @Test
    void aClientThatTeleportsSeesItsNewNeighboursOnTheNextTick() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withInterestInterval(Duration.ofMillis(1000)));
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 300, 0);
        h.ticks(2);
        assertThat(a.sees(2)).isFalse();
        h.teleport(1, 298, 0, 0);
        h.tick();
        assertThat(a.sees(2)).isTrue();
    }
}
