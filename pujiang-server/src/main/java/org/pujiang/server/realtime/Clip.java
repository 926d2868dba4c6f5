package org.pujiang.server.realtime;

import java.nio.charset.StandardCharsets;

/** Cuts text to a wire field's limit in UTF-8 bytes, never inside a code point. */
final class Clip {
    private Clip() {}

    static String utf8(String s, int maxBytes) {
        if (s == null) {
            return "";
        }
        if (s.length() * 3 <= maxBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
