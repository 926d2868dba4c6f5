package org.pujiang.space.interest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.space.entity.EntityStore;

class InterestViewTest {
    @Test
    void idsAreReusedOnlyAfterTheDelayAndAStaleIdResolvesToNothing() {
        EntityStore store = new EntityStore(8);
        int a = store.add(EntityKind.AVATAR, "a", "u", 0, 0, 0, 0, 0);
        int b = store.add(EntityKind.AVATAR, "b", "u", 0, 0, 0, 0, 0);
        InterestView v = new InterestView(4, 3);
        assertThat(v.allocate(a, store.generation(a), 0)).isEqualTo(1);
        assertThat(v.allocate(b, store.generation(b), 0)).isEqualTo(2);
        v.release(2, 10);
        assertThat(v.resolve(2, store)).isEqualTo(-1);
        assertThat(v.localOf(b, store)).isZero();
        assertThat(v.allocate(b, store.generation(b), 12)).isEqualTo(3);
        assertThat(v.allocate(b, store.generation(b), 13)).isEqualTo(2);

        // the entity goes, another takes its slot: the old id no longer names anything
        store.remove(a);
        store.recycle();
        int c = store.add(EntityKind.AVATAR, "c", "u", 0, 0, 0, 0, 1);
        assertThat(c).isEqualTo(a);
        assertThat(v.resolve(1, store)).isEqualTo(-1);
        assertThat(v.localOf(c, store)).isZero();
    }

    @Test
    void theSlotIndexSurvivesManyInsertsAndRemovals() {
        IntIntMap m = new IntIntMap(4);
        Map<Integer, Integer> ref = new HashMap<>();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 20_000; i++) {
            int key = r.nextInt(300);
            if (r.nextBoolean()) {
                int value = r.nextInt(1, 1000);
                m.put(key, value);
                ref.put(key, value);
            } else if (ref.containsKey(key)) {
                assertThat(m.remove(key, ref.get(key) + 1)).isFalse();
                assertThat(m.remove(key, ref.get(key))).isTrue();
                ref.remove(key);
            }
            if (i % 97 == 0) {
                for (int k = 0; k < 300; k++) {
                    assertThat(m.get(k, 0)).isEqualTo(ref.getOrDefault(k, 0));
                }
                assertThat(m.size()).isEqualTo(ref.size());
            }
        }
    }
}
