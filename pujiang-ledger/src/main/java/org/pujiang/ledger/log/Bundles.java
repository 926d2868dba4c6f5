package org.pujiang.ledger.log;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry bundle format: each entry as a big-endian unsigned 16-bit length followed by its bytes, entries in
 * log order, as C2SP tlog-tiles defines entry bundles. Hence an entry is at most {@value #MAX_ENTRY} bytes.
 */
public final class Bundles {
    public static final int MAX_ENTRY = 0xFFFF;

    private Bundles() {}

    static void append(ByteArrayOutputStream out, byte[] entry) {
        if (entry.length > MAX_ENTRY) {
            throw new IllegalArgumentException("a log entry is at most " + MAX_ENTRY + " bytes, got " + entry.length);
        }
        out.write(entry.length >>> 8);
        out.write(entry.length & 0xFF);
        out.write(entry, 0, entry.length);
    }

    /**
     * The entries of a bundle.
     *
     * @throws IllegalStateException when the bytes are not a well-formed bundle (the store is damaged)
     */
    public static List<byte[]> split(byte[] data) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            if (at + 2 > data.length) {
                throw new IllegalStateException("entry bundle truncated at byte " + at + " of " + data.length);
            }
            int length = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
            at += 2;
            if (at + length > data.length) {
                throw new IllegalStateException("entry bundle truncated: entry of " + length + " bytes at byte " + at
                        + " of " + data.length);
            }
            entries.add(java.util.Arrays.copyOfRange(data, at, at + length));
            at += length;
        }
        return entries;
    }
}
