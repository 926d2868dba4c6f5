package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/** 0x08: move an object the client holds to a position (metres) and yaw (radians); all finite. */
public record MoveObject(int objectEntity, float x, float y, float z, float yaw) implements ClientMessage {
    public static final int TYPE = 0x08;

    public MoveObject {
        Check.entity(objectEntity, "objectEntity");
        Check.finite(x, "x");
        Check.finite(y, "y");
        Check.finite(z, "z");
        Check.finite(yaw, "yaw");
    }

    public static final Codec<MoveObject> CODEC = Codec.of(
            (w, m) -> w.varInt(m.objectEntity).f32(m.x).f32(m.y).f32(m.z).f32(m.yaw),
            r -> {
                int e = r.varInt(1, Integer.MAX_VALUE, "MoveObject.objectEntity");
                float x = r.finiteF32("MoveObject.x");
                float y = r.finiteF32("MoveObject.y");
                float z = r.finiteF32("MoveObject.z");
                float yaw = r.finiteF32("MoveObject.yaw");
                return r.ok() ? new MoveObject(e, x, y, z, yaw) : null;
            });
}
