package org.pujiang.space;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What a space takes from the world besides its commands and {@code tick(nowNanos)}: randomness for
 * resume keys, the offset that turns tick time into wall-clock milliseconds for clients, and a
 * stopwatch that times ticks for the metrics (and nothing else).
 *
 * @param random source of resume keys; used on the tick thread only
 * @param wallOffsetMillis added to {@code nowNanos / 1e6} to give {@code serverTimeMs}
 * @param stopwatch a monotonic nanosecond clock for tick durations
 */
public record SpaceEnvironment(RandomGenerator random, long wallOffsetMillis, LongSupplier stopwatch) {
    public SpaceEnvironment {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(stopwatch, "stopwatch");
    }

    /** Secure random keys, wall-clock server time on {@code System.nanoTime()}, a real stopwatch. */
    public static SpaceEnvironment system() {
        return new SpaceEnvironment(new SecureRandom(), System.currentTimeMillis() - System.nanoTime() / 1_000_000,
                System::nanoTime);
    }

    /** Seeded keys, server time equal to tick time, a stopwatch that reads 0: for tests. */
    public static SpaceEnvironment deterministic(long seed) {
        return new SpaceEnvironment(new SplittableRandom(seed), 0, () -> 0);
    }
}
