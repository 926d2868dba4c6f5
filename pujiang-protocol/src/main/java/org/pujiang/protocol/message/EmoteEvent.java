package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x87: an entity in view played an emote (0–255). */
public record EmoteEvent(int entity, int emote) implements ServerMessage {
    public static final int TYPE = 0x87;

    public EmoteEvent {
        Check.entity(entity, "entity");
        Check.u8(emote, "emote");
    }

    public static final Codec<EmoteEvent> CODEC = Codec.of(
            (w, m) -> w.varInt(m.entity).u8(m.emote),
            r -> {
                int e = r.varInt(1, Integer.MAX_VALUE, "EmoteEvent.entity");
                int emote = r.u8("EmoteEvent.emote");
                return r.ok() ? new EmoteEvent(e, emote) : null;
            });
}
