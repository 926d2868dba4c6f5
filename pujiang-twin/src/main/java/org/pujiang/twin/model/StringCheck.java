package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

final class StringCheck extends Check {
    private final int minLength;
    private final int maxLength;
    private final Pattern pattern;
    private final StringFormat format;

    StringCheck(StringSchema schema) {
        super(schema.facets());
        this.minLength = schema.minLength() == null ? 0 : schema.minLength();
        this.maxLength = schema.maxLength() == null ? Integer.MAX_VALUE : schema.maxLength();
        this.pattern = schema.pattern() == null ? null : Pattern.compile(schema.pattern());
        this.format = StringFormat.checked(schema.format());
    }

    @Override
    Validation checkShape(JsonNode value) {
        if (!value.isTextual()) {
            return wrongType("a string", value);
        }
        String s = value.textValue();
        // UTF-16 length bounds the code point count from above (and from below at half), so most strings
        // skip the count.
        int units = s.length();
        if (units > maxLength || units < minLength) {
            int codePoints = s.codePointCount(0, units);
            if (codePoints > maxLength) {
                return Validation.Rejected.of(Violation.TOO_LONG,
                        "string of " + codePoints + " characters is longer than maxLength " + maxLength);
            }
            if (codePoints < minLength) {
                return Validation.Rejected.of(Violation.TOO_SHORT,
                        "string of " + codePoints + " characters is shorter than minLength " + minLength);
            }
        }
        if (pattern != null && !pattern.matcher(s).find()) {
            return Validation.Rejected.of(Violation.PATTERN_MISMATCH,
                    Json.brief(value) + " does not match pattern " + pattern.pattern());
        }
        if (format != null && !format.accepts(s)) {
            return Validation.Rejected.of(Violation.BAD_FORMAT,
                    Json.brief(value) + " is not a valid " + format.wireName());
        }
        return Validation.OK;
    }
}
