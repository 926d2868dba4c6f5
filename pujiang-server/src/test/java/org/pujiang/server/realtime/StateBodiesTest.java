package org.pujiang.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.space.entity.EntityState;

class StateBodiesTest {
    private static EntityState entity(int id, float x) {
        return new EntityState(id, EntityKind.AVATAR, x, 1.5f, -x, 0.5f, -0.1f, 1f, 0f, -1f, 3, 7, 9);
    }

    private static byte[] direct(int mask, EntityState s) {
        FrameWriter w = new FrameWriter(64);
        StateBodies.encode(w, mask, s);
        return Arrays.copyOf(w.array(), w.size());
    }

    @Test
    void cachedBodiesAreByteForByteTheDirectEncodingAcrossEntitiesMasksAndTicks() {
        StateBodies bodies = new StateBodies();
        for (long tick = 1; tick <= 3; tick++) {
            for (int viewer = 0; viewer < 5; viewer++) { // several viewers of the same entities in one tick
                for (int id = 1; id <= 3000; id += 7) { // enough entries to make the table grow
                    EntityState s = entity(id, id * 0.25f + tick);
                    int mask = (id + viewer) % 2 == 0 ? EntityUpdate.ALL : EntityUpdate.POS | EntityUpdate.ROT;
                    FrameWriter out = new FrameWriter(64);
                    bodies.write(out, tick, mask, s);
                    assertThat(Arrays.copyOf(out.array(), out.size())).as("tick %d id %d mask %d", tick, id, mask)
                            .isEqualTo(direct(mask, s));
                }
            }
        }
    }
}
