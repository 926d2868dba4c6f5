package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x85: the entity left view (or the space); its id is no longer valid and may later name another entity. */
public record Exit(int entity) implements ServerMessage {
    public static final int TYPE = 0x85;

    public Exit {
        Check.entity(entity, "entity");
    }

    public static final Codec<Exit> CODEC = Codec.of(
            (w, m) -> w.varInt(m.entity),
            r -> {
                int e = r.varInt(1, Integer.MAX_VALUE, "Exit.entity");
                return r.ok() ? new Exit(e) : null;
            });
}
