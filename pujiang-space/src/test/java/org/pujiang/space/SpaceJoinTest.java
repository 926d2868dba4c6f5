package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.Enter;
import org.pujiang.space.RecordingSink.Goodbye;
import org.pujiang.space.RecordingSink.PresenceChange;
import org.pujiang.space.entity.EntityState;
import org.pujiang.space.RecordingSink.PresenceList;
import org.pujiang.space.RecordingSink.Welcome;

class SpaceJoinTest {
    @Test
    void aJoinIsWelcomedThenGetsThePresenceListThenItsOwnAvatar() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.join(1);
        h.tick();

        assertThat(a.events.get(0)).isInstanceOf(Welcome.class);
        assertThat(a.selfLocalId).isEqualTo(1);
        assertThat(a.resumeKey).isNotZero();
        assertThat(a.events.get(1)).isInstanceOf(PresenceList.class);
        assertThat(((PresenceList) a.events.get(1)).everyone()).extracting(PresenceEntry::displayName)
                .containsExactly("name-1");
        Enter self = (Enter) a.events.get(2);
        assertThat(self.localId()).isEqualTo(1);
        assertThat(self.kind()).isEqualTo(EntityKind.AVATAR);
        assertThat(self.userId()).isEqualTo("user-1");
        // spawn: the centre of the bounds, on the floor
        assertThat(self.state().x()).isZero();
        assertThat(self.state().y()).isZero();
        assertThat(h.metrics().clients()).isEqualTo(1);
        assertThat(h.metrics().avatars()).isEqualTo(1);
    }

    @Test
    void avatarsAppearAtTheSpawnPointTheServerSetClampedToTheBounds() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withBounds(Bounds.centred(40, 10, 30)));
        h.offer(new SpaceCommand.SetSpawn(3.5f, 0, 12, 1.5f, 0));
        RecordingSink a = h.join(1);
        h.tick();
        Enter self = a.all(Enter.class).get(0);
        assertThat(self.state().x()).isEqualTo(3.5f);
        assertThat(self.state().z()).isEqualTo(12f);
        assertThat(self.state().yaw()).isEqualTo(1.5f);

        h.offer(new SpaceCommand.SetSpawn(500, -3, Float.NaN, 0, 0)); // not finite: ignored
        h.offer(new SpaceCommand.SetSpawn(500, -3, -500, 0, 0)); // outside: clamped to the bounds
        RecordingSink b = h.join(2);
        h.tick();
        Enter other = b.all(Enter.class).stream().filter(e -> e.localId() == 1).findFirst().orElseThrow();
        assertThat(other.state().x()).isEqualTo(20f);
        assertThat(other.state().y()).isEqualTo(0f);
        assertThat(other.state().z()).isEqualTo(-15f);
    }

    @Test
    void avatarsThatArriveTogetherAppearSpreadAroundTheSpawnPoint() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withBounds(Bounds.centred(40, 10, 30)));
        h.offer(new SpaceCommand.SetSpawn(0, 0, 0, 0, 2));
        List<RecordingSink> sinks = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            sinks.add(h.join(i));
        }
        h.tick();
        java.util.Set<String> places = new java.util.HashSet<>();
        for (RecordingSink s : sinks) {
            EntityState self = s.all(Enter.class).stream().filter(e -> e.localId() == 1).findFirst().orElseThrow().state();
            assertThat(Math.hypot(self.x(), self.z())).isLessThanOrEqualTo(2.0 + 1e-3);
            places.add(self.x() + "," + self.z());
        }
        assertThat(places).as("no two in the same place").hasSize(20);
    }

    @Test
    void othersHearOfAJoinAndALeave() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.join(1);
        h.tick();
        a.clear();
        RecordingSink b = h.join(2);
        h.tick();

        assertThat(a.all(PresenceChange.class)).singleElement()
                .satisfies(p -> assertThat(p.joined()).isTrue())
                .satisfies(p -> assertThat(p.who().displayName()).isEqualTo("name-2"));
        assertThat(b.all(PresenceList.class)).singleElement()
                .satisfies(p -> assertThat(p.everyone()).extracting(PresenceEntry::displayName)
                        .containsExactlyInAnyOrder("name-1", "name-2"));
        assertThat(a.sees(b.selfEntityId())).isTrue();
        assertThat(b.sees(a.selfEntityId())).isTrue();

        a.clear();
        h.offer(new SpaceCommand.Leave(2));
        h.tick();
        assertThat(a.all(PresenceChange.class)).singleElement().satisfies(p -> assertThat(p.joined()).isFalse());
        assertThat(a.all(RecordingSink.Exit.class)).hasSize(1);
        assertThat(a.visibleEntityIds()).isEmpty();
        assertThat(b.goodbye()).isEmpty(); // a leave needs no goodbye
        assertThat(h.metrics().avatars()).isEqualTo(1);
    }

    @Test
    void aJoinBeyondCapacityGetsSpaceFullAndGoodbye() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withCapacity(2));
        h.join(1);
        h.join(2);
        RecordingSink third = h.join(3);
        h.tick();

        assertThat(third.errorCodes()).containsExactly(ErrorCode.SPACE_FULL);
        assertThat(third.goodbye()).map(Goodbye::code).contains(ErrorCode.SPACE_FULL);
        assertThat(h.metrics().avatars()).isEqualTo(2);
        assertThat(h.metrics().goodbyes(ErrorCode.SPACE_FULL)).isEqualTo(1);
    }

    @Test
    void aSecondJoinOfTheSameClientIsAlreadyJoined() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.join(1);
        h.tick();
        h.offer(new SpaceCommand.Join(1, "user-1", "again", false, 0, a));
        h.tick();

        assertThat(a.errorCodes()).containsExactly(ErrorCode.ALREADY_JOINED);
        assertThat(a.goodbye()).isEmpty();
        assertThat(h.metrics().avatars()).isEqualTo(1);
    }

    @Test
    void commandsOfClientsThatAreNotJoinedAreIgnoredAndCounted() {
        SpaceHarness h = new SpaceHarness();
        h.offer(new SpaceCommand.Move(99, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        h.offer(new SpaceCommand.Chat(99, ChatScope.SPACE, 0, "hello"));
        h.offer(new SpaceCommand.Leave(99));
        h.tick();
        assertThat(h.metrics().commandsIgnored()).isEqualTo(3);
    }

    @Test
    void shutdownSaysGoodbyeToEveryoneAndRefusesLaterJoins() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.join(1);
        RecordingSink b = h.join(2);
        h.tick();
        h.offer(new SpaceCommand.Shutdown("maintenance"));
        RecordingSink late = h.join(3);
        h.tick();

        assertThat(List.of(a, b)).allSatisfy(s -> assertThat(s.goodbye()).map(Goodbye::code)
                .contains(ErrorCode.SHUTTING_DOWN));
        assertThat(late.goodbye()).map(Goodbye::code).contains(ErrorCode.SHUTTING_DOWN);
        assertThat(h.metrics().avatars()).isZero();
        assertThat(h.metrics().clients()).isZero();
    }

    @Test
    void tickRefusesToBeEnteredTwiceAtOnce() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink reentrant = new RecordingSink() {
            @Override
            public int backlog() {
                h.space.tick(h.now + 1); // a sink must never do this
                return 0;
            }
        };
        h.offer(new SpaceCommand.Join(1, "u", "n", false, 0, reentrant));
        assertThatIllegalStateException().isThrownBy(h::tick).withMessageContaining("concurrently");
    }

    @Test
    void aFullInboxRefusesAndCountsWithoutThrowing() {
        Space space = Space.create(SpaceConfig.defaults().withInboxCapacity(16), SpaceEnvironment.deterministic(1));
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (space.offer(new SpaceCommand.Leave(i))) {
                accepted++;
            }
        }
        assertThat(space.offer(null)).isFalse();
        assertThat(accepted).isEqualTo(16);
        space.tick(1);
        assertThat(space.metrics().commandsRefused()).isEqualTo(5);
        assertThat(space.metrics().commandsApplied()).isEqualTo(16);
    }
}
