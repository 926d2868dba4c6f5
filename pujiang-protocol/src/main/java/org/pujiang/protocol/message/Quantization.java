package org.pujiang.protocol.message;

/**
 * How {@link EntityUpdate} turns floats into small integers, and back. Stateless.
 *
 * <ul>
 *   <li>Positions and velocities: whole centimetres (cm/s), rounded half away from zero; error at most
 *       0.5 cm (plus the float's own rounding, about 0.4 cm at 100 km from the origin).</li>
 *   <li>Yaw: normalised to [0, 2π), times 65536/2π, rounded, 65536 wrapping to 0. One step is
 *       2π/65536 rad ≈ 0.0055°; error at most half a step (≈ 0.0027°) around the circle.</li>
 *   <li>Pitch: clamped to [−π/2, π/2], mapped linearly onto 0..65535 (0 = −π/2, 65535 = +π/2). One step
 *       is π/65535 rad ≈ 0.0027°; error at most half a step inside the range.</li>
 * </ul>
 */
public final class Quantization {
    /** Largest magnitude, in metres or metres per second, that fits an int of centimetres. */
    public static final double MAX_METRES = Integer.MAX_VALUE / 100.0;

    private static final double TWO_PI = 2 * Math.PI;
    private static final double HALF_PI = Math.PI / 2;

    private Quantization() {}

    /**
     * Metres (or m/s) to whole centimetres (cm/s).
     *
     * @throws IllegalArgumentException when {@code metres} is not finite or beyond ±{@link #MAX_METRES}
     */
    public static int toCentimetres(float metres) {
        if (!Float.isFinite(metres) || Math.abs((double) metres) > MAX_METRES) {
            throw new IllegalArgumentException("cannot quantise " + metres + " m to an int of centimetres");
        }
        double cm = (double) metres * 100.0;
        // Math.round rounds half up; round half away from zero so that x and -x quantise symmetrically.
        return (int) (cm < 0 ? -Math.round(-cm) : Math.round(cm));
    }

    /** Centimetres (cm/s) to metres (m/s): the float nearest to {@code cm / 100}. */
    public static float fromCentimetres(int cm) {
        return (float) (cm / 100.0);
    }

    /**
     * An angle in radians (any finite value) to 0..65535 steps of 2π/65536.
     *
     * @throws IllegalArgumentException when {@code radians} is not finite
     */
    public static int yawToU16(float radians) {
        if (!Float.isFinite(radians)) {
            throw new IllegalArgumentException("cannot quantise yaw " + radians);
        }
        double a = radians % TWO_PI;
        if (a < 0) {
            a += TWO_PI;
        }
        return (int) Math.round(a * (65536 / TWO_PI)) & 0xFFFF;
    }

    /** Steps of 2π/65536 to radians in [0, 2π). */
    public static float yawFromU16(int steps) {
        return (float) ((steps & 0xFFFF) * (TWO_PI / 65536));
    }

    /**
     * A pitch in radians, clamped to [−π/2, π/2], to 0..65535.
     *
     * @throws IllegalArgumentException when {@code radians} is not finite
     */
    public static int pitchToU16(float radians) {
        if (!Float.isFinite(radians)) {
            throw new IllegalArgumentException("cannot quantise pitch " + radians);
        }
        double p = Math.max(-HALF_PI, Math.min(HALF_PI, radians));
        return (int) Math.round((p + HALF_PI) * (65535 / Math.PI));
    }

    /** 0..65535 to a pitch in [−π/2, π/2]. */
    public static float pitchFromU16(int steps) {
        return (float) ((steps & 0xFFFF) * (Math.PI / 65535) - HALF_PI);
    }
}
