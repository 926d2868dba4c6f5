package org.pujiang.server.auth;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered random UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, a 12-bit counter
 * (RFC 9562 §6.2 method 1) that keeps ids made in the same millisecond in creation order, then 62
 * random bits. New rows land at the end of B-tree indexes instead of scattering across them, and
 * "newest first" by (created_at, id) matches the order things were made on this node. Thread-safe.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static int counter;

    private Ids() {}

    public static UUID newId() {
        long millis;
        int seq;
        synchronized (Ids.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0x0FFF) { // 4096 ids in one millisecond: borrow the next millisecond
                    millis++;
                    counter = RANDOM.nextInt(0x0800);
                }
            } else {
                counter = RANDOM.nextInt(0x0800); // a random start leaves room to count up
            }
            lastMillis = millis;
            seq = counter;
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
