package org.pujiang.protocol.message;

import java.util.OptionalInt;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x88: who holds a shared object now: {@code holderEntity} in this client's ids, or 0 when the object
 * is free (or its holder is not in view).
 */
public record Holder(int objectEntity, int holderEntity) implements ServerMessage {
    public static final int TYPE = 0x88;

    public Holder {
        Check.entity(objectEntity, "objectEntity");
        Check.entityOrNone(holderEntity, "holderEntity");
    }

    public boolean isFree() {
        return holderEntity == 0;
    }

    /** The holder's entity id, or empty when the object is free or its holder is not in view. */
    public OptionalInt holder() {
        return holderEntity == 0 ? OptionalInt.empty() : OptionalInt.of(holderEntity);
    }

    public static final Codec<Holder> CODEC = Codec.of(
            (w, m) -> w.varInt(m.objectEntity).varInt(m.holderEntity),
            r -> {
                int object = r.varInt(1, Integer.MAX_VALUE, "Holder.objectEntity");
                int holder = r.varInt(0, Integer.MAX_VALUE, "Holder.holderEntity");
                return r.ok() ? new Holder(object, holder) : null;
            });
}
