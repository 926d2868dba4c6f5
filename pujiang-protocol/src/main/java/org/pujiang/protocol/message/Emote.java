package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x06: play an emote (an application-defined gesture number, 0–255); viewers get an {@link EmoteEvent}. */
public record Emote(int emote) implements ClientMessage {
    public static final int TYPE = 0x06;

    public Emote {
        Check.u8(emote, "emote");
    }

    public static final Codec<Emote> CODEC = Codec.of(
            (w, m) -> w.u8(m.emote),
            r -> {
                int e = r.u8("Emote.emote");
                return r.ok() ? new Emote(e) : null;
            });
}
