package org.pujiang.space;

/**
 * The axis-aligned box, in metres, that a space's world occupies. Y is up. Avatars and objects
 * are kept inside it. Immutable; safe to share between threads.
 */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {
    /** The largest extent of one axis: 100 km, a city sandbox. */
    public static final double MAX_EXTENT_METRES = 100_000;
    /** The smallest extent of one axis: 1 m. */
    public static final double MIN_EXTENT_METRES = 1;

    public Bounds {
        check("x", minX, maxX);
        check("y", minY, maxY);
        check("z", minZ, maxZ);
    }

    /** A box centred on the origin in x and z, from the floor at y = 0 up to {@code height}. */
    public static Bounds centred(double width, double height, double depth) {
        return new Bounds(-width / 2, 0, -depth / 2, width / 2, height, depth / 2);
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public double depth() {
        return maxZ - minZ;
    }

    /** Whether the point lies inside the box, faces included. */
    public boolean contains(double x, double y, double z) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
    }

    private static void check(String axis, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("bounds on " + axis + " must be finite numbers, got min="
                    + min + " max=" + max);
        }
        double extent = max - min;
        if (extent < MIN_EXTENT_METRES || extent > MAX_EXTENT_METRES) {
            throw new IllegalArgumentException("bounds on " + axis + " must span " + (int) MIN_EXTENT_METRES
                    + " m to " + (int) MAX_EXTENT_METRES + " m with min < max, got min=" + min + " max=" + max);
        }
    }
}
