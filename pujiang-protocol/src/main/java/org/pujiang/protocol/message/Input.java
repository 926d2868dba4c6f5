package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x04: where the client's own avatar is and how it moves, sent at most 30 times a second. Positions
 * in metres (Y up), angles in radians, velocity in metres per second; all finite, sent as f32 without
 * quantisation. {@code seq} counts inputs from 0; {@code anim} is an application-defined animation
 * state (0–255); {@code clientTimeMs} is the client's clock when it sampled the input.
 */
public record Input(int seq, float x, float y, float z, float yaw, float pitch, float vx, float vy, float vz,
        int anim, long clientTimeMs) implements ClientMessage {
    public static final int TYPE = 0x04;

    public Input {
        Check.range(seq, 0, Integer.MAX_VALUE, "seq");
        Check.finite(x, "x");
        Check.finite(y, "y");
        Check.finite(z, "z");
        Check.finite(yaw, "yaw");
        Check.finite(pitch, "pitch");
        Check.finite(vx, "vx");
        Check.finite(vy, "vy");
        Check.finite(vz, "vz");
        Check.u8(anim, "anim");
        Check.time(clientTimeMs, "clientTimeMs");
    }

    public static final Codec<Input> CODEC = Codec.of(
            (w, m) -> w.varInt(m.seq).f32(m.x).f32(m.y).f32(m.z).f32(m.yaw).f32(m.pitch)
                    .f32(m.vx).f32(m.vy).f32(m.vz).u8(m.anim).varLong(m.clientTimeMs),
            r -> {
                int seq = r.varInt(0, Integer.MAX_VALUE, "Input.seq");
                float x = r.finiteF32("Input.x");
                float y = r.finiteF32("Input.y");
                float z = r.finiteF32("Input.z");
                float yaw = r.finiteF32("Input.yaw");
                float pitch = r.finiteF32("Input.pitch");
                float vx = r.finiteF32("Input.vx");
                float vy = r.finiteF32("Input.vy");
                float vz = r.finiteF32("Input.vz");
                int anim = r.u8("Input.anim");
                long t = r.varLong(0, Check.MAX_SAFE_INTEGER, "Input.clientTimeMs");
                return r.ok() ? new Input(seq, x, y, z, yaw, pitch, vx, vy, vz, anim, t) : null;
            });
}
