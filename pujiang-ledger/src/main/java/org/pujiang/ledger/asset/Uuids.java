package org.pujiang.ledger.asset;

import java.util.UUID;

/** The one spelling of a UUID that entries use: {@link UUID#toString()}'s, 36 characters, lower-case hex. */
final class Uuids {
    private Uuids() {}

    /**
     * Only the canonical lower-case form: an entry that spells an id another way is not canonical.
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    static UUID parse(String text) {
        if (!isCanonical(text)) {
            throw new IllegalArgumentException("not a lower-case UUID: " + text);
        }
        return UUID.fromString(text);
    }

    static boolean isCanonical(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
