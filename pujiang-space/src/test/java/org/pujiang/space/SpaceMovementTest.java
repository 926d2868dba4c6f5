package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.Update;
import org.pujiang.space.entity.ChangeMask;
import org.pujiang.space.entity.EntityState;

class SpaceMovementTest {
    @Test
    void twoClientsSeeEachOthersMoves() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 3, 0);
        h.tick();
        a.clear();
        b.clear();

        h.move(1, 0.4f, 0, 0.1f);
        h.move(2, 3, 0, 0.3f);
        h.tick();

        int bLocalInA = a.localOf(b.selfEntityId()).orElseThrow();
        assertThat(a.updatesFor(bLocalInA)).singleElement().satisfies(u -> {
            assertThat(u.mask()).isEqualTo(ChangeMask.POS);
            assertThat(u.state().z()).isEqualTo(0.3f);
        });
        EntityState aInB = b.stateOf(a.selfEntityId()).orElseThrow();
        assertThat(aInB.x()).isEqualTo(0.4f);
        assertThat(aInB.z()).isEqualTo(0.1f);
        assertThat(aInB.inputSeq()).isEqualTo(1);
        // nobody was corrected, so nobody hears about itself
        assertThat(a.updatesFor(a.selfLocalId)).isEmpty();
        assertThat(b.updatesFor(b.selfLocalId)).isEmpty();
    }

    @Test
    void onlyTheFieldsThatChangedAreInTheMask() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 3, 0);
        h.tick();
        int b = a.localOf(2).orElseThrow();
        h.move(2, 3, 0, 0, 1.5f, 0, 0);
        h.tick();
        h.move(2, 3, 0, 0, 1.5f, 0, 7);
        h.tick();
        h.offer(new SpaceCommand.Move(2, 99, 3, 0, 0, 1.5f, 0, 1, 0, 0, 7, 0));
        h.tick();

        assertThat(a.updatesFor(b)).extracting(Update::mask)
                .containsExactly(ChangeMask.ROT, ChangeMask.ANIM, ChangeMask.VEL);
        assertThat(a.stateOf(2).orElseThrow().anim()).isEqualTo(7);
    }

    @Test
    void aMoveTooFastIsClampedAlongItsDirectionAndTheMoverIsCorrected() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 2, 2);
        h.ticks(40); // two seconds idle: the saved-up allowance is capped at 0.5 s of full speed
        a.clear();

        h.move(1, 100, 0, 0);
        h.tick();

        // 10 m/s × 1.25 tolerance × 0.5 s burst = 6.25 m along +x, not a teleport to 100 m
        EntityState self = a.known.get(a.selfLocalId);
        assertThat(self.x()).isCloseTo(6.25f, within(0.01f));
        assertThat(self.z()).isZero();
        assertThat(a.updatesFor(a.selfLocalId)).singleElement()
                .satisfies(u -> assertThat(u.mask() & ChangeMask.POS).isNotZero());
        assertThat(b.stateOf(a.selfEntityId()).orElseThrow().x()).isCloseTo(6.25f, within(0.01f));
        assertThat(h.metrics().movesClamped()).isEqualTo(1);

        // right after, the allowance is spent: the next tick allows only one tick's worth
        h.move(1, 100, 0, 0);
        h.tick();
        assertThat(a.known.get(a.selfLocalId).x()).isCloseTo(6.25f + 0.625f, within(0.01f));
    }

    @Test
    void walkingAtFullSpeedIsNeverCorrectedEvenWhenMovesArriveBunched() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        a.clear();
        float x = 0;
        for (int t = 0; t < 40; t++) {
            // 10 m/s at 20 Hz is 0.5 m a tick; every 4th tick three inputs arrive at once, then none
            int n = t % 4 == 3 ? 3 : (t % 4 == 0 ? 1 : 0);
            for (int i = 0; i < n; i++) {
                x += 0.5f;
                h.move(1, x, 0, 0);
            }
            h.tick();
        }
        assertThat(a.updatesFor(a.selfLocalId)).isEmpty();
        assertThat(h.metrics().movesClamped()).isZero();
    }

    @Test
    void positionsAreClampedIntoTheBounds() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withBounds(Bounds.centred(20, 6, 20)));
        RecordingSink a = h.joinAt(1, 9, 0);
        h.tick();
        h.move(1, 11, -3, 0);
        h.tick();
        EntityState self = a.known.get(a.selfLocalId);
        assertThat(self.x()).isEqualTo(10f);
        assertThat(self.y()).isEqualTo(0f);
    }

    @Test
    void nonFiniteValuesAreRefusedAndChangeNothing() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        b.clear();
        h.offer(new SpaceCommand.Move(1, 1, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        h.offer(new SpaceCommand.Move(1, 2, 0, 0, 0, Float.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0));
        h.offer(new SpaceCommand.Move(1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 300, 0));
        h.tick();
        assertThat(a.errorCodes()).containsExactly(ErrorCode.INVALID_INPUT, ErrorCode.INVALID_INPUT,
                ErrorCode.INVALID_INPUT);
        assertThat(b.all(Update.class)).isEmpty();
    }

    @Test
    void anOlderSequenceNumberIsDropped() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.joinAt(2, 1, 0);
        h.tick();
        h.offer(new SpaceCommand.Move(2, 5, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        h.offer(new SpaceCommand.Move(2, 4, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0));
        h.tick();
        assertThat(a.stateOf(2).orElseThrow().z()).isEqualTo(1f);
        assertThat(h.metrics().movesStale()).isEqualTo(1);
    }

    @Test
    void aTeleportMovesTheAvatarAndTellsItsClient() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.join(1);
        h.tick();
        a.clear();
        h.teleport(1, 200, 0, -100);
        h.tick();
        assertThat(a.updatesFor(a.selfLocalId)).singleElement().satisfies(u -> {
            assertThat(u.state().x()).isEqualTo(200f);
            assertThat(u.state().z()).isEqualTo(-100f);
        });
    }
}
