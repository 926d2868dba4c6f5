package org.pujiang.protocol.message;

import java.util.Optional;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x8E: the last frame before the server closes the socket, with an {@link ErrorCode} number and a reason
 * for people. A client should not reconnect on its own after KICKED or AUTH_FAILED.
 */
public record Goodbye(int code, String reason) implements ServerMessage {
    public static final int TYPE = 0x8E;
    public static final int REASON_MAX_BYTES = 500;

    public Goodbye {
        Check.range(code, 0, Integer.MAX_VALUE, "code");
        Check.text(reason, REASON_MAX_BYTES, "reason");
    }

    public Goodbye(ErrorCode code, String reason) {
        this(code.code(), reason);
    }

    /** The code as a constant, or empty when this build does not know it. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.fromCode(code);
    }

    public static final Codec<Goodbye> CODEC = Codec.of(
            (w, m) -> w.varInt(m.code).string(m.reason),
            r -> {
                int code = r.varInt(0, Integer.MAX_VALUE, "Goodbye.code");
                String reason = r.string(REASON_MAX_BYTES, "Goodbye.reason");
                return r.ok() ? new Goodbye(code, reason) : null;
            });
}
