package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.Exit;
import org.pujiang.space.RecordingSink.Goodbye;
import org.pujiang.space.RecordingSink.PresenceChange;
import org.pujiang.space.entity.EntityState;

class ResumeTest {
    @Test
    void aDroppedConnectionResumesTheSameAvatarWithinThirtySeconds() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 4, 0);
        h.tick();
        h.move(1, 1, 0, 1);
        h.tick();
        int entity = a.selfEntityId();
        long key = a.resumeKey;
        b.clear();

        h.offer(new SpaceCommand.Disconnect(1));
        h.run(29);
        assertThat(b.all(Exit.class)).isEmpty(); // the avatar waits where it stood
        assertThat(b.all(PresenceChange.class)).isEmpty();
        assertThat(h.metrics().resumable()).isEqualTo(1);

        RecordingSink again = h.join(11, "user-1", "name-1", false, key);
        h.tick();
        assertThat(again.selfEntityId()).isEqualTo(entity);
        EntityState self = again.known.get(again.selfLocalId);
        assertThat(self.x()).isEqualTo(1f);
        assertThat(self.z()).isEqualTo(1f);
        assertThat(again.resumeKey).isNotZero().isNotEqualTo(key);
        assertThat(again.sees(b.selfEntityId())).isTrue();
        assertThat(b.all(Exit.class)).isEmpty();
        assertThat(h.metrics().resumable()).isZero();

        // the new connection moves the avatar; the old key is spent
        h.move(11, 1.5f, 0, 1);
        h.tick();
        assertThat(b.stateOf(entity).orElseThrow().x()).isEqualTo(1.5f);
        RecordingSink thief = h.join(12, "user-1", "name-1", false, key);
        h.tick();
        assertThat(thief.selfEntityId()).isNotEqualTo(entity);
    }

    @Test
    void afterThirtySecondsTheAvatarGoesAndTheKeyNoLongerWorks() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 4, 0);
        h.tick();
        int entity = a.selfEntityId();
        long key = a.resumeKey;
        h.offer(new SpaceCommand.Disconnect(1));
        h.run(30.1);
        assertThat(b.sees(entity)).isFalse();
        assertThat(b.all(PresenceChange.class)).filteredOn(p -> !p.joined()).hasSize(1);
        assertThat(h.metrics().avatars()).isEqualTo(1);

        RecordingSink late = h.join(11, "user-1", "name-1", false, key);
        h.tick();
        assertThat(late.selfEntityId()).isNotEqualTo(entity);
    }

    @Test
    void aKeyOnlyResumesForItsOwnUser() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Disconnect(1));
        h.tick();
        RecordingSink other = h.join(5, "someone-else", "x", false, a.resumeKey);
        h.tick();
        assertThat(other.selfEntityId()).isNotEqualTo(a.selfEntityId());
        assertThat(h.metrics().avatars()).isEqualTo(2);
    }

    @Test
    void aResumeWhileTheOldConnectionStillLivesTakesOver() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        RecordingSink again = h.join(11, "user-1", "name-1", false, a.resumeKey);
        h.tick();
        assertThat(a.goodbye()).map(Goodbye::code).contains(ErrorCode.ALREADY_JOINED);
        assertThat(again.selfEntityId()).isEqualTo(a.selfEntityId());
        assertThat(h.metrics().clients()).isEqualTo(1);
        assertThat(h.metrics().avatars()).isEqualTo(1);
        h.offer(new SpaceCommand.Leave(1)); // the old id is no longer a client
        h.tick();
        assertThat(h.metrics().avatars()).isEqualTo(1);
    }

    @Test
    void anExplicitLeaveCannotBeResumed() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Leave(1));
        h.tick();
        RecordingSink again = h.join(11, "user-1", "name-1", false, a.resumeKey);
        h.tick();
        assertThat(again.selfEntityId()).isNotEqualTo(a.selfEntityId());
    }

    @Test
    void manyDroppedConnectionsExpireTogether() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink watcher = h.joinAt(1000, 0, 0);
        for (int i = 0; i < 50; i++) {
            h.joinAt(i, i % 10, i / 10);
        }
        h.tick();
        assertThat(watcher.visibleEntityIds()).hasSize(50);
        for (int i = 0; i < 50; i++) {
            h.offer(new SpaceCommand.Disconnect(i));
        }
        h.tick();
        h.offer(new SpaceCommand.Disconnect(7)); // twice: ignored
        h.join(60, "user-60", "late", false, 0);
        h.run(30);
        assertThat(h.metrics().resumable()).isZero();
        assertThat(h.metrics().avatars()).isEqualTo(2);
        assertThat(watcher.visibleEntityIds()).hasSize(1);
        assertThat(watcher.all(PresenceChange.class)).filteredOn(p -> !p.joined()).hasSize(50);
    }
}
