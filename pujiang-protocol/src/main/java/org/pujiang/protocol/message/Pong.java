package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x8B, the answer to {@link Ping}: the client's time echoed, and the server's clock when it answered. */
public record Pong(long clientTimeMs, long serverTimeMs) implements ServerMessage {
    public static final int TYPE = 0x8B;

    public Pong {
        Check.time(clientTimeMs, "clientTimeMs");
        Check.time(serverTimeMs, "serverTimeMs");
    }

    public static final Codec<Pong> CODEC = Codec.of(
            (w, m) -> w.varLong(m.clientTimeMs).varLong(m.serverTimeMs),
            r -> {
                long client = r.varLong(0, Check.MAX_SAFE_INTEGER, "Pong.clientTimeMs");
                long server = r.varLong(0, Check.MAX_SAFE_INTEGER, "Pong.serverTimeMs");
                return r.ok() ? new Pong(client, server) : null;
            });
}
