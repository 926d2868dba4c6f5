package org.pujiang.server.realtime;

import java.util.Arrays;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.Quantization;
import org.pujiang.space.entity.EntityView;

/**
 * The encoded bodies of this tick's entity updates, shared by every client of one space: an entity
 * seen by 64 clients is quantised and encoded once per tick and change mask, then copied into each
 * viewer's State after that viewer's own entity id. Owned by the space's tick thread (every
 * {@code ClientSink} call of a space happens there); forgotten when the tick changes.
 */
final class StateBodies {
    private final FrameWriter bodies = new FrameWriter(16 * 1024);
    private long[] keys = new long[1024];
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int size;
    private long tick = Long.MIN_VALUE;

    /** Appends the body of {@code s} under {@code mask} (already limited to EntityUpdate.ALL) to {@code out}. */
    void write(FrameWriter out, long tick, int mask, EntityView s) {
        if (tick != this.tick) {
            this.tick = tick;
            bodies.reset();
            Arrays.fill(keys, -1L);
            size = 0;
        }
        long key = ((long) s.entityId() << 4) | mask; // entity ids are never negative, so no key is -1
        int slot = slot(key);
        if (keys[slot] != key) {
            int start = bodies.size();
            encode(bodies, mask, s);
            keys[slot] = key;
            offsets[slot] = start;
            lengths[slot] = bodies.size() - start;
            if (++size * 2 > keys.length) {
                grow();
                slot = slot(key);
            }
        }
        out.bytes(bodies.array(), offsets[slot], lengths[slot]);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != -1L && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        keys = new long[oldKeys.length * 2];
        offsets = new int[keys.length];
        lengths = new int[keys.length];
        Arrays.fill(keys, -1L);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                offsets[s] = oldOffsets[i];
                lengths[s] = oldLengths[i];
            }
        }
    }

    private static long mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 29);
    }

    static void encode(FrameWriter w, int m, EntityView s) {
        boolean pos = (m & EntityUpdate.POS) != 0;
        boolean rot = (m & EntityUpdate.ROT) != 0;
        boolean vel = (m & EntityUpdate.VEL) != 0;
        EntityUpdate.writeBody(w, m,
                pos ? Quantization.toCentimetres(s.x()) : 0, pos ? Quantization.toCentimetres(s.y()) : 0,
                pos ? Quantization.toCentimetres(s.z()) : 0,
                rot ? Quantization.yawToU16(s.yaw()) : 0, rot ? Quantization.pitchToU16(s.pitch()) : 0,
                vel ? Quantization.toCentimetres(s.vx()) : 0, vel ? Quantization.toCentimetres(s.vy()) : 0,
                vel ? Quantization.toCentimetres(s.vz()) : 0, s.anim());
    }
}
