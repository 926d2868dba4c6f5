package org.pujiang.twin.model;

/** Why a value was rejected: stable names for counters, reason codes and tests. */
public enum Violation {
    /** The JSON type does not match (a string for a number, 2.5 for an integer, null for a boolean). */
    WRONG_TYPE,
    /** NaN or an infinity, which JSON cannot carry and a lenient parser or a binding might let through. */
    NOT_FINITE,
    BELOW_MINIMUM,
    ABOVE_MAXIMUM,
    NOT_IN_ENUM,
    NOT_CONST,
    TOO_SHORT,
    TOO_LONG,
    PATTERN_MISMATCH,
    /** A string that is not a valid {@code date-time}, {@code date}, {@code time} or {@code duration}. */
    BAD_FORMAT,
    MISSING_REQUIRED,
    TOO_FEW_ITEMS,
    TOO_MANY_ITEMS,
    /** A property or action name the model does not declare. */
    UNKNOWN_PROPERTY,
    /** A desired value for a read-only property. */
    READ_ONLY,
    /** An update that is not a JSON object of property names to values. */
    NOT_AN_UPDATE
}
