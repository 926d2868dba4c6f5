package org.pujiang.protocol.message;

import java.util.Optional;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x8C, "Error" in docs/protocol.md (named so as not to shadow {@link java.lang.Error}): something the
 * client sent was refused; the connection stays open unless a {@link Goodbye} follows. {@code code} is
 * an {@link ErrorCode} number, kept as an int so that codes added later still decode.
 */
public record ErrorMessage(int code, String message) implements ServerMessage {
    public static final int TYPE = 0x8C;
    public static final int MESSAGE_MAX_BYTES = 500;

    public ErrorMessage {
        Check.range(code, 0, Integer.MAX_VALUE, "code");
        Check.text(message, MESSAGE_MAX_BYTES, "message");
    }

    public ErrorMessage(ErrorCode code, String message) {
        this(code.code(), message);
    }

    /** The code as a constant, or empty when this build does not know it. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.fromCode(code);
    }

    public static final Codec<ErrorMessage> CODEC = Codec.of(
            (w, m) -> w.varInt(m.code).string(m.message),
            r -> {
                int code = r.varInt(0, Integer.MAX_VALUE, "Error.code");
                String message = r.string(MESSAGE_MAX_BYTES, "Error.message");
                return r.ok() ? new ErrorMessage(code, message) : null;
            });
}
