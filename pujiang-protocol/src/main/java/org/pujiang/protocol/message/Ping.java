package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x0A: a clock probe; the server echoes {@code clientTimeMs} in a {@link Pong} with its own time. */
public record Ping(long clientTimeMs) implements ClientMessage {
    public static final int TYPE = 0x0A;

    public Ping {
        Check.time(clientTimeMs, "clientTimeMs");
    }

    public static final Codec<Ping> CODEC = Codec.of(
            (w, m) -> w.varLong(m.clientTimeMs),
            r -> {
                long t = r.varLong(0, Check.MAX_SAFE_INTEGER, "Ping.clientTimeMs");
                return r.ok() ? new Ping(t) : null;
            });
}
