package org.pujiang.bench.crowd;

import java.util.SplittableRandom;

/**
 * A bot's legs: wanders at walking speed with smooth heading changes, drifts towards one of a few
 * points of interest (so the crowd flocks), pauses for a few seconds now and then, and stays inside
 * the space's bounds on the horizontal plane (x, z; y stays where the bot spawned). Not thread-safe;
 * one bot's event loop owns it. Pure: no I/O, so it is unit-tested.
 */
public final class Walker {
    /** The fastest a bot ever walks, m/s; the server's limit is 10 m/s. */
    public static final double MAX_SPEED = 2.0;
    /** Keep this far inside the bounds, metres. */
    static final double MARGIN = 0.5;

    private final SplittableRandom rng;
    private final double minX;
    private final double maxX;
    private final double minZ;
    private final double maxZ;
    private final double[][] pois;
    private double x;
    private final double y;
    private double z;
    private double heading;
    private double turnRate;
    private double speed;
    private double cruise;
    private int poi;
    private double pauseLeft;
    private double untilNextPause;
    private double untilRetarget;

    /**
     * @param pois points of interest as {x, z} pairs (clamped into the bounds); may be empty
     */
    public Walker(long seed, double minX, double maxX, double minZ, double maxZ, double startX, double startY,
            double startZ, double[][] pois) {
        this.rng = new SplittableRandom(seed);
        this.minX = minX + Math.min(MARGIN, (maxX - minX) / 2);
        this.maxX = maxX - Math.min(MARGIN, (maxX - minX) / 2);
        this.minZ = minZ + Math.min(MARGIN, (maxZ - minZ) / 2);
        this.maxZ = maxZ - Math.min(MARGIN, (maxZ - minZ) / 2);
        this.pois = new double[pois.length][];
        for (int i = 0; i < pois.length; i++) {
            this.pois[i] = new double[] {clamp(pois[i][0], this.minX, this.maxX), clamp(pois[i][1], this.minZ, this.maxZ)};
        }
        this.x = clamp(startX, this.minX, this.maxX);
        this.y = startY;
        this.z = clamp(startZ, this.minZ, this.maxZ);
        this.heading = rng.nextDouble(0, 2 * Math.PI);
        this.cruise = rng.nextDouble(1.0, 1.6);
        this.speed = cruise;
        this.poi = pois.length == 0 ? -1 : rng.nextInt(pois.length);
        this.untilNextPause = rng.nextDouble(5, 20);
        this.untilRetarget = rng.nextDouble(10, 40);
    }

    /** Advances {@code dt} seconds (clamped to 0..1 s). */
    public void step(double dt) {
        dt = Math.max(0, Math.min(1, dt));
        if (pauseLeft > 0) {
            pauseLeft -= dt;
            speed = 0;
            return;
        }
        untilNextPause -= dt;
        if (untilNextPause <= 0) {
            pauseLeft = rng.nextDouble(1, 5);
            untilNextPause = rng.nextDouble(8, 25);
            speed = 0;
            return;
        }
        untilRetarget -= dt;
        if (untilRetarget <= 0 && pois.length > 0) {
            poi = rng.nextInt(pois.length);
            untilRetarget = rng.nextDouble(10, 40);
        }
        // Random walk of the turn rate (smooth heading), plus a pull towards the point of interest.
        turnRate += rng.nextDouble(-1, 1) * 1.5 * dt;
        turnRate = clamp(turnRate, -0.8, 0.8);
        double desired = heading + turnRate * dt;
        if (poi >= 0) {
            double dx = pois[poi][0] - x;
            double dz = pois[poi][1] - z;
            double dist = Math.hypot(dx, dz);
            if (dist > 3) {
                double toPoi = Math.atan2(dz, dx);
                double pull = Math.min(1, dist / 30) * 0.9 * dt; // stronger when far away
                desired += pull * wrap(toPoi - heading);
            }
        }
        // Turn away from walls smoothly when within 5 m of them.
        double lookX = x + Math.cos(desired) * 5;
        double lookZ = z + Math.sin(desired) * 5;
        if (lookX < minX || lookX > maxX || lookZ < minZ || lookZ > maxZ) {
            double toCentre = Math.atan2((minZ + maxZ) / 2 - z, (minX + maxX) / 2 - x);
            desired += Math.min(1, 2.0 * dt) * wrap(toCentre - desired);
        }
        heading = wrap(desired);
        // Ease speed towards the cruise speed (accelerating after a pause).
        speed += clamp(cruise - speed, -1.5 * dt, 1.5 * dt);
        speed = clamp(speed, 0, MAX_SPEED);
        double nx = x + Math.cos(heading) * speed * dt;
        double nz = z + Math.sin(heading) * speed * dt;
        x = clamp(nx, minX, maxX);
        z = clamp(nz, minZ, maxZ);
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double z() {
        return z;
    }

    /** The direction of travel as a yaw in radians (0 along +x, growing towards +z). */
    public double heading() {
        return heading;
    }

    public double speed() {
        return speed;
    }

    public double vx() {
        return Math.cos(heading) * speed;
    }

    public double vz() {
        return Math.sin(heading) * speed;
    }

    public boolean paused() {
        return pauseLeft > 0;
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** An angle wrapped into (−π, π]. */
    static double wrap(double a) {
        a = a % (2 * Math.PI);
        if (a > Math.PI) {
            a -= 2 * Math.PI;
        } else if (a <= -Math.PI) {
            a += 2 * Math.PI;
        }
        return a;
    }
}
