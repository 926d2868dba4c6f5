package org.pujiang.twin.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The string formats Pujiang checks. Other format names are annotations only, as JSON Schema allows: a model
 * may say {@code "format": "uri"} and values are not rejected for it.
 */
enum StringFormat {
    /** RFC 3339 date-time; the offset is required, because a timestamp without one is ambiguous. */
    DATE_TIME("date-time") {
        @Override
        boolean accepts(String s) {
            try {
                OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    },
    DATE("date") {
        @Override
        boolean accepts(String s) {
            try {
                LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    },
    /** RFC 3339 full-time or partial-time; DTDL's {@code time} has no offset. */
    TIME("time") {
        @Override
        boolean accepts(String s) {
            try {
                DateTimeFormatter.ISO_TIME.parse(s);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    },
    /** ISO 8601 duration such as {@code P1DT2H} or {@code PT0.5S}; java.time's parsers cover only part of it. */
    DURATION("duration") {
        private static final Pattern ISO_8601 = Pattern.compile(
                "P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

        @Override
        boolean accepts(String s) {
            return ISO_8601.matcher(s).matches();
        }
    };

    private final String wireName;

    StringFormat(String wireName) {
        this.wireName = wireName;
    }

    abstract boolean accepts(String s);

    String wireName() {
        return wireName;
    }

    /** The checked format with this name, or null when the name is only an annotation. */
    static StringFormat checked(String name) {
        if (name == null) {
            return null;
        }
        for (StringFormat f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
