package org.pujiang.bench.crowd;

import java.util.concurrent.atomic.AtomicLongArray;
import org.pujiang.protocol.message.Quantization;

/**
 * The last {@value #SLOTS} positions one bot sent, each with the time it first sent it: written by the
 * bot's own event loop, read by the other bots' event loops to turn a position they see in a State into
 * a move-to-seen latency. Lock-free: one writer; a reader checks the key before and after reading the
 * time, so a torn read is dropped rather than mismatched.
 *
 * <p>Positions are keyed by their quantised form (whole centimetres, as the server sends them), so the
 * key of what a bot sent equals the key of what others receive when the server relays it unchanged.
 */
public final class SentPositions {
    public static final int SLOTS = 64;
    private static final long EMPTY = Long.MIN_VALUE;

    private final AtomicLongArray keys = new AtomicLongArray(SLOTS);
    private final AtomicLongArray times = new AtomicLongArray(SLOTS);
    private int next;
    private long lastKey = EMPTY;

    public SentPositions() {
        for (int i = 0; i < SLOTS; i++) {
            keys.set(i, EMPTY);
        }
    }

    /** A 64-bit key for a position in centimetres: 21 bits per axis (±10 km), the rest hashed in. */
    public static long key(int xCm, int yCm, int zCm) {
        long k = ((long) (xCm & 0x1FFFFF) << 42) | ((long) (yCm & 0x1FFFFF) << 21) | (zCm & 0x1FFFFF);
        return k == EMPTY ? EMPTY + 1 : k;
    }

    /** The key of a position in metres, quantised as the server quantises it. */
    public static long key(float x, float y, float z) {
        return key(Quantization.toCentimetres(x), Quantization.toCentimetres(y), Quantization.toCentimetres(z));
    }

    /**
     * Records that the bot sent position {@code key} at {@code sentNanos}. Sending the same position
     * again (a paused bot) keeps the first time: that is when others could first have seen it.
     */
    public void record(long key, long sentNanos) {
        if (key == lastKey) {
            return;
        }
        lastKey = key;
        int i = next;
        next = (next + 1) % SLOTS;
        keys.set(i, EMPTY); // invalidate while the time changes
        times.set(i, sentNanos);
        keys.set(i, key);
    }

    /** When the position {@code key} was sent, in the sender's nanoTime, or −1 when it is not among the last ones. */
    public long sentAt(long key) {
        for (int i = 0; i < SLOTS; i++) {
            if (keys.get(i) == key) {
                long t = times.get(i);
                if (keys.get(i) == key) {
                    return t;
                }
            }
        }
        return -1;
    }
}
