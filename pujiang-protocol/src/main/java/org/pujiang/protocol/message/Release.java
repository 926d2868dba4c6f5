package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x09: let go of a held object; viewers get {@link Holder} with holder 0. */
public record Release(int objectEntity) implements ClientMessage {
    public static final int TYPE = 0x09;

    public Release {
        Check.entity(objectEntity, "objectEntity");
    }

    public static final Codec<Release> CODEC = Codec.of(
            (w, m) -> w.varInt(m.objectEntity),
            r -> {
                int e = r.varInt(1, Integer.MAX_VALUE, "Release.objectEntity");
                return r.ok() ? new Release(e) : null;
            });
}
