package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.codec.FrameWriter;

/**
 * What changed about one entity, inside {@link State} and {@link Enter}. The record holds the quantised
 * wire values (see {@link Quantization}), so that encode → decode gives back an equal record; the
 * float accessors ({@link #x()}, {@link #yaw()}, …) convert back, and {@link #of} quantises.
 *
 * <p>On the wire: the entity id (varint), then {@code mask} (u8), then only the groups whose bit is set,
 * in bit order: {@link #POS} x, y, z as zigzag varints of centimetres; {@link #ROT} yaw then pitch as u16
 * little-endian; {@link #VEL} vx, vy, vz as zigzag varints of cm/s; {@link #ANIM} a u8. Mask bits 4–7
 * are reserved and must be 0; fields outside the mask are 0 in the record.
 *
 * <p>A server that sends the same entity to many clients can encode its body once per tick with
 * {@link #writeBody} and copy it after each client's own entity id.
 */
public record EntityUpdate(int entity, int mask, int xCm, int yCm, int zCm, int yawSteps, int pitchSteps,
        int vxCm, int vyCm, int vzCm, int anim) {
    public static final int POS = 1;
    public static final int ROT = 2;
    public static final int VEL = 4;
    public static final int ANIM = 8;
    /** Every field, as {@link Enter} requires. */
    public static final int ALL = POS | ROT | VEL | ANIM;

    /** The fewest bytes one update takes on the wire: an entity id and a mask. */
    static final int MIN_BYTES = 2;

    public EntityUpdate {
        Check.entity(entity, "entity");
        Check.range(mask, 0, ALL, "mask");
        Check.range(yawSteps, 0, 0xFFFF, "yawSteps");
        Check.range(pitchSteps, 0, 0xFFFF, "pitchSteps");
        Check.u8(anim, "anim");
        if ((mask & POS) == 0 && (xCm | yCm | zCm) != 0
                || (mask & ROT) == 0 && (yawSteps | pitchSteps) != 0
                || (mask & VEL) == 0 && (vxCm | vyCm | vzCm) != 0
                || (mask & ANIM) == 0 && anim != 0) {
            throw new IllegalArgumentException("fields outside mask " + mask + " must be 0, got pos=" + xCm + "," + yCm
                    + "," + zCm + " rot=" + yawSteps + "," + pitchSteps + " vel=" + vxCm + "," + vyCm + "," + vzCm
                    + " anim=" + anim);
        }
    }

    /**
     * Quantises the float values (metres, radians, m/s) of the groups in {@code mask} and zeroes the
     * others.
     */
    public static EntityUpdate of(int entity, int mask, float x, float y, float z, float yaw, float pitch,
            float vx, float vy, float vz, int anim) {
        boolean pos = (mask & POS) != 0;
        boolean rot = (mask & ROT) != 0;
        boolean vel = (mask & VEL) != 0;
        return new EntityUpdate(entity, mask,
                pos ? Quantization.toCentimetres(x) : 0, pos ? Quantization.toCentimetres(y) : 0,
                pos ? Quantization.toCentimetres(z) : 0,
                rot ? Quantization.yawToU16(yaw) : 0, rot ? Quantization.pitchToU16(pitch) : 0,
                vel ? Quantization.toCentimetres(vx) : 0, vel ? Quantization.toCentimetres(vy) : 0,
                vel ? Quantization.toCentimetres(vz) : 0,
                (mask & ANIM) != 0 ? anim : 0);
    }

    /** Every field, quantised: the form {@link Enter} carries. */
    public static EntityUpdate full(int entity, float x, float y, float z, float yaw, float pitch, float vx, float vy,
            float vz, int anim) {
        return of(entity, ALL, x, y, z, yaw, pitch, vx, vy, vz, anim);
    }

    public boolean has(int bits) {
        return (mask & bits) == bits;
    }

    public float x() {
        return Quantization.fromCentimetres(xCm);
    }

    public float y() {
        return Quantization.fromCentimetres(yCm);
    }

    public float z() {
        return Quantization.fromCentimetres(zCm);
    }

    /** Radians in [0, 2π). */
    public float yaw() {
        return Quantization.yawFromU16(yawSteps);
    }

    /** Radians in [−π/2, π/2]. */
    public float pitch() {
        return Quantization.pitchFromU16(pitchSteps);
    }

    public float vx() {
        return Quantization.fromCentimetres(vxCm);
    }

    public float vy() {
        return Quantization.fromCentimetres(vyCm);
    }

    public float vz() {
        return Quantization.fromCentimetres(vzCm);
    }

    /** The same state under another entity id: for re-addressing one entity to each viewer's ids. */
    public EntityUpdate withEntity(int newEntity) {
        return new EntityUpdate(newEntity, mask, xCm, yCm, zCm, yawSteps, pitchSteps, vxCm, vyCm, vzCm, anim);
    }

    /**
     * Writes the mask and the fields it selects, without the entity id. Values outside the mask are
     * not written. No validation: callers pass values a record would accept.
     */
    public static void writeBody(FrameWriter w, int mask, int xCm, int yCm, int zCm, int yawSteps, int pitchSteps,
            int vxCm, int vyCm, int vzCm, int anim) {
        w.u8(mask);
        if ((mask & POS) != 0) {
            w.zigzagInt(xCm).zigzagInt(yCm).zigzagInt(zCm);
        }
        if ((mask & ROT) != 0) {
            w.u16(yawSteps).u16(pitchSteps);
        }
        if ((mask & VEL) != 0) {
            w.zigzagInt(vxCm).zigzagInt(vyCm).zigzagInt(vzCm);
        }
        if ((mask & ANIM) != 0) {
            w.u8(anim);
        }
    }

    void writeBody(FrameWriter w) {
        writeBody(w, mask, xCm, yCm, zCm, yawSteps, pitchSteps, vxCm, vyCm, vzCm, anim);
    }

    /** Reads a mask and its fields for {@code entity}; null with the reason in {@code r} on failure. */
    static EntityUpdate readBody(FrameReader r, int entity) {
        int at = r.offset();
        int mask = r.u8("EntityUpdate.mask");
        if (r.ok() && mask > ALL) {
            r.fail("EntityUpdate.mask: reserved bits set in " + mask + " at offset " + at);
        }
        int x = 0, y = 0, z = 0, yaw = 0, pitch = 0, vx = 0, vy = 0, vz = 0, anim = 0;
        if ((mask & POS) != 0) {
            x = r.zigzagInt("EntityUpdate.x");
            y = r.zigzagInt("EntityUpdate.y");
            z = r.zigzagInt("EntityUpdate.z");
        }
        if ((mask & ROT) != 0) {
            yaw = r.u16("EntityUpdate.yaw");
            pitch = r.u16("EntityUpdate.pitch");
        }
        if ((mask & VEL) != 0) {
            vx = r.zigzagInt("EntityUpdate.vx");
            vy = r.zigzagInt("EntityUpdate.vy");
            vz = r.zigzagInt("EntityUpdate.vz");
        }
        if ((mask & ANIM) != 0) {
            anim = r.u8("EntityUpdate.anim");
        }
        return r.ok() ? new EntityUpdate(entity, mask, x, y, z, yaw, pitch, vx, vy, vz, anim) : null;
    }

    public static final Codec<EntityUpdate> CODEC = Codec.of(
            (w, u) -> {
                w.varInt(u.entity);
                u.writeBody(w);
            },
            r -> {
                int entity = r.varInt(1, Integer.MAX_VALUE, "EntityUpdate.entity");
                return r.ok() ? readBody(r, entity) : null;
            });
}
