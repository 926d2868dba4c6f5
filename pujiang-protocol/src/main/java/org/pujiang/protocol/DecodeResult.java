package org.pujiang.protocol;

import java.util.Optional;

/**
 * What decoding one frame gave: the message, or why there is none. Expected failures from a socket are
 * values, never exceptions; match them with a pattern {@code switch}:
 *
 * <pre>{@code
 * switch (Frames.decodeClient(bytes)) {
 *     case DecodeResult.Ok<ClientMessage>(var message) -> handle(message);
 *     case DecodeResult.Malformed<ClientMessage>(var reason) -> reply(ErrorCode.MALFORMED, reason);
 *     case DecodeResult.UnknownType<ClientMessage>(var type) -> reply(ErrorCode.UNKNOWN_TYPE, ...);
 *     case DecodeResult.UnsupportedVersion<ClientMessage>(var version) -> reply(ErrorCode.UNSUPPORTED_VERSION, ...);
 * }
 * }</pre>
 */
public sealed interface DecodeResult<T> {
    /** The frame held a valid message. */
    record Ok<T>(T message) implements DecodeResult<T> {
        public Ok {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The frame could not be read: truncated, trailing bytes, an overlong or oversized varint, a string or
     * count over its limit, bad UTF-8, an invalid enum or a value out of range. {@code reason} is for logs
     * and for the Error message; it names the field and the byte offset.
     */
    record Malformed<T>(String reason) implements DecodeResult<T> {
        public Malformed {
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /** The type byte names no message of this direction in this version. */
    record UnknownType<T>(int type) implements DecodeResult<T> {
    }

    /** The frame's version byte is not one this build speaks. */
    record UnsupportedVersion<T>(int version) implements DecodeResult<T> {
    }

    /** The message, or empty for every failure. */
    default Optional<T> ok() {
        return this instanceof Ok<T> ok ? Optional.of(ok.message()) : Optional.empty();
    }
}
