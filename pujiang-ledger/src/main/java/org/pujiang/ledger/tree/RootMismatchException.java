package org.pujiang.ledger.tree;

import java.util.HexFormat;

/** The proof leads to a root other than the expected one (RFC 9162 §2.1.3.2 step 5 / §2.1.4.2 step 7). */
public final class RootMismatchException extends ProofException {
    private final byte[] expected;
    private final byte[] computed;

    public RootMismatchException(byte[] expected, byte[] computed) {
        super("root mismatch: expected " + HexFormat.of().formatHex(expected) + ", computed "
                + HexFormat.of().formatHex(computed));
        this.expected = expected.clone();
        this.computed = computed.clone();
    }

    /** The root the caller trusted. */
    public byte[] expected() {
        return expected.clone();
    }

    /** The root the proof leads to. */
    public byte[] computed() {
        return computed.clone();
    }
}
