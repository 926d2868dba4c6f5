package org.pujiang.server.auth;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered random UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
 * New rows land at the end of B-tree indexes instead of scattering across them.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextLong();
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
