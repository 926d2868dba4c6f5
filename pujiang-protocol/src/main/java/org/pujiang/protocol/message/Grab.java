package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x07: take hold of a shared object; answered by {@link Holder} to every viewer, or an OBJECT_HELD error. */
public record Grab(int objectEntity) implements ClientMessage {
    public static final int TYPE = 0x07;

    public Grab {
        Check.entity(objectEntity, "objectEntity");
    }

    public static final Codec<Grab> CODEC = Codec.of(
            (w, m) -> w.varInt(m.objectEntity),
            r -> {
                int e = r.varInt(1, Integer.MAX_VALUE, "Grab.objectEntity");
                return r.ok() ? new Grab(e) : null;
            });
}
