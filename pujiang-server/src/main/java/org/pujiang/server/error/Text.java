package org.pujiang.server.error;

import java.text.Normalizer;

/** Checks on user-supplied text: lengths in Unicode code points, no control characters. */
public final class Text {
    private Text() {}

    /**
     * Trims and NFC-normalises {@code value} and checks its length.
     *
     * @param multiline whether line breaks and tabs are allowed (descriptions), or not (names)
     * @throws ApiException {@code request:field.invalid} naming the field and the limit
     */
    public static String check(String field, String value, int min, int max, boolean multiline) {
        String v = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        int length = v.codePointCount(0, v.length());
        if (length < min) {
            throw ApiException.invalid(field, min <= 1 ? field + " must not be empty"
                    : field + " must be at least " + min + " characters, got " + length);
        }
        if (length > max) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters, got " + length);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean allowedBreak = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.getType(c) == Character.CONTROL && !allowedBreak) {
                throw ApiException.invalid(field, field + " must not contain control characters (U+"
                        + String.format("%04X", (int) c) + " at position " + i + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < v.length()
                    && Character.isLowSurrogate(v.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(v.charAt(i - 1)))) {
                throw ApiException.invalid(field, field + " contains a broken surrogate pair at position " + i);
            }
        }
        return v;
    }
}
