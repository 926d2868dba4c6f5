package org.pujiang.space;

/**
 * Why the engine refused something or said goodbye. The numbers match the wire's error codes; the
 * server maps these constants to its own. Codes 1, 2, 4, 7, 8, 10 and 16 are the server's (the
 * engine never sees a token or a frame) but are listed so the numbering stays one list.
 */
public enum ErrorCode {
    UNSUPPORTED_VERSION(1),
    AUTH_FAILED(2),
    NOT_JOINED(3),
    SPACE_NOT_FOUND(4),
    SPACE_FULL(5),
    FORBIDDEN(6),
    MALFORMED(7),
    UNKNOWN_TYPE(8),
    RATE_LIMITED(9),
    TOO_LARGE(10),
    OBJECT_HELD(11),
    NO_SUCH_ENTITY(12),
    MUTED(13),
    KICKED(14),
    TOO_SLOW(15),
    SHUTTING_DOWN(16),
    INVALID_INPUT(17),
    ALREADY_JOINED(18);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The wire number. */
    public int code() {
        return code;
    }
}
