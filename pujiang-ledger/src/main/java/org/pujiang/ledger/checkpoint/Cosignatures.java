package org.pujiang.ledger.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The C2SP tlog-cosignature "Ed25519 signed message" and the timestamped_signature layout. */
final class Cosignatures {
    static final int TIMESTAMP_SIZE = 8;
    static final int SIGNATURE_SIZE = TIMESTAMP_SIZE + Ed25519.SIGNATURE_SIZE;

    private Cosignatures() {
    }

    /**
     * {@code "cosignature/v1\ntime <t>\n" || checkpoint body}: a header line for domain separation, the timestamp in
     * decimal without leading zeroes, then the whole note body (tlog-cosignature "Ed25519 signed message").
     */
    static byte[] message(Checkpoint checkpoint, long unixSeconds) {
        return ("cosignature/v1\ntime " + unixSeconds + "\n" + checkpoint.body()).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code timestamp (u64 big-endian) || ed25519 signature}, RFC 8446 §3.3 order. */
    static byte[] timestamped(long unixSeconds, byte[] signature) {
        return ByteBuffer.allocate(SIGNATURE_SIZE).putLong(unixSeconds).put(signature).array();
    }
}
