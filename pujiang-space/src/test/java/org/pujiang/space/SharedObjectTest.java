package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.Enter;
import org.pujiang.space.RecordingSink.HolderEvent;
import org.pujiang.space.object.ObjectState;

class SharedObjectTest {
    private static final long BALL = 500;

    private static SpaceHarness withBall() {
        SpaceHarness h = new SpaceHarness();
        h.offer(new SpaceCommand.AddObject(BALL, "ball", 0, 1, 2, 0));
        return h;
    }

    private static int ball(RecordingSink s) {
        return s.known.entrySet().stream().filter(e -> e.getValue().kind() == EntityKind.OBJECT)
                .mapToInt(java.util.Map.Entry::getKey).min().orElseThrow();
    }

    @Test
    void anAddedObjectIsSeenAndSnapshotted() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        assertThat(a.all(Enter.class)).filteredOn(e -> e.kind() == EntityKind.OBJECT).singleElement()
                .satisfies(e -> assertThat(e.name()).isEqualTo("ball"));
        assertThat(h.space.objects()).containsExactly(new ObjectState(BALL, "ball", 0, 1, 2, 0));
        long v = h.space.objectsVersion();
        assertThat(v).isPositive();
        h.tick();
        assertThat(h.space.objectsVersion()).isEqualTo(v); // nothing changed, nothing to persist
    }

    @Test
    void ofSeveralGrabsInOneTickExactlyOneWins() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        RecordingSink c = h.joinAt(3, -1, 0);
        h.tick();
        a.clear();
        b.clear();
        c.clear();
        h.offer(new SpaceCommand.Grab(2, ball(h.sink(2))));
        h.offer(new SpaceCommand.Grab(1, ball(h.sink(1))));
        h.offer(new SpaceCommand.Grab(3, ball(h.sink(3))));
        h.tick();

        assertThat(b.errorCodes()).isEmpty();
        assertThat(a.errorCodes()).containsExactly(ErrorCode.OBJECT_HELD);
        assertThat(c.errorCodes()).containsExactly(ErrorCode.OBJECT_HELD);
        // every viewer hears of the one holder once, in its own numbering
        assertThat(a.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(a), a.localOf(b.selfEntityId()).orElseThrow()));
        assertThat(b.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(b), b.selfLocalId));
        assertThat(c.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(c), c.localOf(b.selfEntityId()).orElseThrow()));
    }

    @Test
    void onlyTheHolderMovesAnObjectWithinTheSpeedLimitAndTheSnapshotFollows() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        h.offer(new SpaceCommand.MoveObject(2, ball(b), 0, 1, 3, 0));
        h.tick();
        assertThat(b.errorCodes()).containsExactly(ErrorCode.FORBIDDEN); // grab first

        h.offer(new SpaceCommand.Grab(1, ball(a)));
        h.offer(new SpaceCommand.MoveObject(2, ball(b), 0, 1, 3, 0));
        h.offer(new SpaceCommand.MoveObject(1, ball(a), 0, 1, 3, 1));
        h.tick();
        assertThat(b.errorCodes()).endsWith(ErrorCode.OBJECT_HELD);
        assertThat(b.known.get(ball(b)).z()).isEqualTo(3f);
        assertThat(b.known.get(ball(b)).yaw()).isEqualTo(1f);
        assertThat(h.space.objects()).singleElement().satisfies(o -> assertThat(o.z()).isEqualTo(3f));

        h.offer(new SpaceCommand.MoveObject(1, ball(a), 0, 1, 300, 1)); // far too fast
        h.tick();
        assertThat(h.space.objects().get(0).z()).isLessThan(10f);
    }

    @Test
    void releaseByTheHolderFreesIt() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        h.offer(new SpaceCommand.Grab(1, ball(a)));
        h.offer(new SpaceCommand.Release(2, ball(b)));
        h.tick();
        assertThat(b.errorCodes()).containsExactly(ErrorCode.OBJECT_HELD);
        b.clear();
        h.offer(new SpaceCommand.Release(1, ball(a)));
        h.offer(new SpaceCommand.Grab(2, ball(b)));
        h.tick();
        assertThat(b.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(b), 0),
                new HolderEvent(ball(b), b.selfLocalId));
    }

    @Test
    void anObjectIsReleasedWhenItsHolderLeavesOrDisconnects() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        h.offer(new SpaceCommand.Grab(1, ball(a)));
        h.tick();
        b.clear();
        h.offer(new SpaceCommand.Disconnect(1));
        h.tick();
        assertThat(b.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(b), 0));

        h.offer(new SpaceCommand.Grab(2, ball(b)));
        h.tick();
        RecordingSink c = h.joinAt(3, 2, 0);
        h.tick();
        c.clear();
        h.offer(new SpaceCommand.Leave(2));
        h.tick();
        assertThat(c.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(c), 0));
    }

    @Test
    void anObjectHeldTenSecondsWithoutAMoveIsReleased() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Grab(1, ball(a)));
        h.tick();
        h.run(5);
        h.offer(new SpaceCommand.MoveObject(1, ball(a), 0, 1, 2.5f, 0)); // a move restarts the clock
        h.run(9.5);
        a.clear();
        h.run(0.6);
        assertThat(a.all(HolderEvent.class)).containsExactly(new HolderEvent(ball(a), 0));
    }

    @Test
    void aLateViewerLearnsTheHolderWithTheObject() {
        SpaceHarness h = withBall();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Grab(1, ball(a)));
        h.tick();
        RecordingSink near = h.joinAt(2, 1, 0);
        h.tick();
        // the ball (1.7 m) may enter before its holder (1 m away) or after: either way the last word names the holder
        List<HolderEvent> told = near.all(HolderEvent.class);
        assertThat(told).isNotEmpty();
        assertThat(told.get(told.size() - 1)).isEqualTo(new HolderEvent(ball(near), near.localOf(a.selfEntityId()).orElseThrow()));
    }

    @Test
    void objectsAreRestoredFromASnapshotAndRemoved() {
        SpaceHarness first = withBall();
        first.offer(new SpaceCommand.AddObject(501, "chair", 5, 0, 5, 1.5f));
        first.tick();
        List<ObjectState> saved = first.space.objects();

        SpaceHarness second = new SpaceHarness();
        for (ObjectState o : saved) {
            second.offer(new SpaceCommand.AddObject(o.objectId(), o.name(), o.x(), o.y(), o.z(), o.yaw()));
        }
        second.offer(new SpaceCommand.AddObject(501, "duplicate", 0, 0, 0, 0)); // same id: ignored
        second.tick();
        assertThat(second.space.objects()).isEqualTo(saved);

        RecordingSink a = second.joinAt(1, 4, 4);
        second.tick();
        assertThat(a.visibleEntityIds()).hasSize(2);
        second.offer(new SpaceCommand.RemoveObject(501));
        second.tick();
        assertThat(a.visibleEntityIds()).hasSize(1);
        assertThat(second.space.objects()).extracting(ObjectState::objectId).containsExactly(BALL);
        assertThat(second.metrics().objects()).isEqualTo(1);
    }

    @Test
    void grabbingASecondObjectReleasesTheFirst() {
        SpaceHarness h = withBall();
        h.offer(new SpaceCommand.AddObject(501, "cup", 1, 1, 2, 0));
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        List<Enter> objects = a.all(Enter.class).stream().filter(e -> e.kind() == EntityKind.OBJECT).toList();
        int first = objects.get(0).localId();
        int second = objects.get(1).localId();
        h.offer(new SpaceCommand.Grab(1, first));
        h.tick();
        a.clear();
        h.offer(new SpaceCommand.Grab(1, second));
        h.tick();
        assertThat(a.all(HolderEvent.class)).containsExactly(new HolderEvent(first, 0),
                new HolderEvent(second, a.selfLocalId));
        // a newcomer learns who holds what, whichever of the holder and the object enters its view first
        RecordingSink b = h.joinAt(2, 1, 1);
        h.tick();
        List<HolderEvent> told = b.all(HolderEvent.class);
        HolderEvent last = told.get(told.size() - 1);
        assertThat(last.holderLocalId()).isEqualTo(b.localOf(a.selfEntityId()).orElseThrow());
        assertThat(b.known.get(last.objectLocalId()).x()).isCloseTo(1f, within(0.001f));
    }
}
