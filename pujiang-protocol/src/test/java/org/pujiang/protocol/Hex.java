package org.pujiang.protocol;

import java.util.HexFormat;

/** Hex with spaces, as the vectors in tests and docs/protocol.md are written. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").replace("\n", ""));
    }

    static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
