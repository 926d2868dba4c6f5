package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientTableTest {
    @Test
    void behavesLikeAMapThroughGrowthAndRemovals() {
        ClientTable t = new ClientTable(2);
        Map<Long, ClientSession> ref = new HashMap<>();
        SplittableRandom r = new SplittableRandom(3);
        ClientSession[] sessions = new ClientSession[8];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new ClientSession(i, new RecordingSink(), null, null, SpaceConfig.defaults(), null);
        }
        for (int i = 0; i < 50_000; i++) {
            long key = r.nextInt(500) - 250L; // negative ids and 0 are ids too
            if (r.nextInt(3) > 0) {
                ClientSession s = sessions[r.nextInt(sessions.length)];
                t.put(key, s);
                ref.put(key, s);
            } else {
                t.remove(key);
                ref.remove(key);
            }
            if (i % 101 == 0) {
                for (long k = -260; k < 260; k++) {
                    assertThat(t.get(k)).isSameAs(ref.get(k));
                }
                assertThat(t.size()).isEqualTo(ref.size());
            }
        }
    }
}
