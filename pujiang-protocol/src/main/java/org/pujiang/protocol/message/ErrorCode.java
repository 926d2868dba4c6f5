package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * Stable numbers carried by {@link ErrorMessage} and {@link Goodbye}. The numbers never change; new codes
 * may be added within v1, so a client must treat a code it does not know as a generic error.
 */
public enum ErrorCode {
    /** The client's protocol versions and the server's do not overlap, or a frame carries another version. */
    UNSUPPORTED_VERSION(1),
    /** The Hello's token is missing, unknown, expired or belongs to a disabled account. */
    AUTH_FAILED(2),
    /** The message needs a joined space. */
    NOT_JOINED(3),
    /** No space has that id, or the client may not see it. */
    SPACE_NOT_FOUND(4),
    /** The space is at capacity. */
    SPACE_FULL(5),
    /** The client may not do that (moderate without the role, join a private space, …). */
    FORBIDDEN(6),
    /** The frame could not be decoded. */
    MALFORMED(7),
    /** The frame's type byte is not a client message of this version. */
    UNKNOWN_TYPE(8),
    /** Too many messages of one kind; the message was dropped. */
    RATE_LIMITED(9),
    /** The frame is over 16 KiB. */
    TOO_LARGE(10),
    /** Someone else holds the object. */
    OBJECT_HELD(11),
    /** The entity id is not one the client currently knows. */
    NO_SUCH_ENTITY(12),
    /** The client is muted: its chat and voice are refused. */
    MUTED(13),
    /** A moderator removed the client. */
    KICKED(14),
    /** The client reads too slowly and fell too far behind. */
    TOO_SLOW(15),
    /** The server is stopping. */
    SHUTTING_DOWN(16),
    /** A well-formed message with values the server does not accept. */
    INVALID_INPUT(17),
    /** A Join while already in a space (Leave first). */
    ALREADY_JOINED(18);

    private static final ErrorCode[] BY_CODE;

    static {
        int max = 0;
        for (ErrorCode c : values()) {
            max = Math.max(max, c.code);
        }
        BY_CODE = new ErrorCode[max + 1];
        for (ErrorCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    /** The constant for a number, or empty for a code this build does not know. */
    public static Optional<ErrorCode> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
