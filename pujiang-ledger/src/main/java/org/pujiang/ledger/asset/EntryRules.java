package org.pujiang.ledger.asset;

import java.util.Objects;

/** Field rules shared by {@link LedgerEntry} and {@link AssetCommand}, so a command that exists can become an entry. */
final class EntryRules {
    private EntryRules() {}

    /** "sha256:" and 64 lower-case hex digits. */
    static void contentHash(String s) {
        boolean ok = s != null && s.length() == 71 && s.startsWith("sha256:");
        for (int i = 7; ok && i < 71; i++) {
            char c = s.charAt(i);
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!ok) {
            throw new IllegalArgumentException("'contentHash' must be \"sha256:\" and 64 lower-case hex digits, got "
                    + s);
        }
    }

    static void size(long size) {
        if (size < 1 || size > LedgerEntry.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("'size' must be 1 to 2^53-1 bytes, got " + size);
        }
    }

    /** At most {@link LedgerEntry#TEXT_MAX} characters of well-formed UTF-16 (so its UTF-8 decodes back to it). */
    static void text(String key, String s) {
        Objects.requireNonNull(s, "'" + key + "'");
        if (s.length() > LedgerEntry.TEXT_MAX) {
            throw new IllegalArgumentException("'" + key + "' has " + s.length() + " characters; at most "
                    + LedgerEntry.TEXT_MAX);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("'" + key + "' has an unpaired surrogate at index " + i);
            }
        }
    }
}
