package org.pujiang.space.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.EntityKind;

class EntityStoreTest {
    @Test
    void changesAreMarkedPerFieldAndClearedTogether() {
        EntityStore s = new EntityStore(1);
        int a = s.add(EntityKind.AVATAR, "a", "u", 1, 2, 3, 0, 5);
        assertThat(s.changed(a)).isEqualTo(ChangeMask.ALL);
        s.clearChanges();
        assertThat(s.set(a, 1, 2, 3, 0.5f, 0, 0, 0, 0, 0, 6)).isEqualTo(ChangeMask.ROT);
        assertThat(s.setPosition(a, 1, 2, 4, 6)).isEqualTo(ChangeMask.POS);
        assertThat(s.changed(a)).isEqualTo(ChangeMask.ROT | ChangeMask.POS);
        assertThat(s.version(a)).isEqualTo(6);
        s.clearChanges();
        assertThat(s.changed(a)).isZero();
        assertThat(ChangeMask.describe(ChangeMask.POS | ChangeMask.ANIM)).isEqualTo("POS|ANIM");
    }

    @Test
    void slotsGrowAndAreReusedOnlyAfterRecycleWithANewGeneration() {
        EntityStore s = new EntityStore(1);
        for (int i = 0; i < 40; i++) {
            s.add(EntityKind.OBJECT, "o" + i, "", i, 0, 0, 0, 0);
        }
        assertThat(s.size()).isEqualTo(40);
        assertThat(s.capacity()).isGreaterThanOrEqualTo(40);
        int gen = s.generation(7);
        int id = s.entityId(7);
        s.remove(7);
        assertThat(s.isCurrent(7, gen)).isFalse();
        assertThat(s.add(EntityKind.OBJECT, "new", "", 0, 0, 0, 0, 1)).isEqualTo(40); // not yet recycled
        s.recycle();
        int reused = s.add(EntityKind.OBJECT, "again", "", 0, 0, 0, 0, 2);
        assertThat(reused).isEqualTo(7);
        assertThat(s.entityId(7)).isNotEqualTo(id);
        assertThat(s.view(7).snapshot().entityId()).isEqualTo(s.entityId(7));
        assertThatIllegalStateException().isThrownBy(() -> s.remove(100));
    }
}
