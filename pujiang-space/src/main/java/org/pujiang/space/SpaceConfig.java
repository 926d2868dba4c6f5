package org.pujiang.space;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.pujiang.protocol.message.ErrorCode;

/**
 * How one space runs. Immutable; build from {@link #defaults()} and the {@code with…} methods.
 *
 * @param tickHz ticks per second, 5 to 60
 * @param interestRadius metres within which a client starts to see an entity
 * @param k most entities one client sees at once (its own avatar not counted)
 * @param bounds the box avatars and objects are kept in
 * @param capacity most avatars, resumable ones included
 * @param maxSpeed metres per second an avatar or a held object may move
 * @param speedTolerance factor over {@code maxSpeed} allowed before a move is clamped (jitter, rounding)
 * @param speedBurst how much unused movement an avatar may save up, as time at full speed: moves that
 *     arrive bunched by the network are not clamped, a teleport is
 * @param cellSize metres per side of a spatial grid cell (raised automatically for very large bounds)
 * @param exitHysteresis an entity in view leaves it only beyond {@code interestRadius × exitHysteresis}
 * @param interestInterval how often each client's interest set (who it sees) is recomputed; between
 *     recomputations it keeps its set and gets their updates every tick. Clients are staggered over the
 *     ticks of one interval, so each tick recomputes a share of them. Rounded to whole ticks, at least one.
 * @param tiers update rates by distance, nearest first; entities beyond the last tier use its rate
 * @param rateLimits per-client limits on inputs
 * @param backpressure when a client is behind enough to skip far updates or be dropped
 * @param resumeWindow how long the avatar of a dropped connection waits for a resume
 * @param holdTimeout an object held this long without a MoveObject is released
 * @param localIdReuseDelay how long a client's freed local id stays unused
 * @param inboxCapacity commands the inbox holds (rounded up to a power of two); more are refused
 * @param chatMaxCodePoints longest chat text, in Unicode code points
 * @param nameMaxCodePoints longest display name kept; longer ones are cut
 * @param voiceMaxChars longest voice signalling payload
 */
public record SpaceConfig(
        int tickHz,
        double interestRadius,
        int k,
        Bounds bounds,
        int capacity,
        double maxSpeed,
        double speedTolerance,
        Duration speedBurst,
        double cellSize,
        double exitHysteresis,
        Duration interestInterval,
        List<UpdateTier> tiers,
        RateLimits rateLimits,
        Backpressure backpressure,
        Duration resumeWindow,
        Duration holdTimeout,
        Duration localIdReuseDelay,
        int inboxCapacity,
        int chatMaxCodePoints,
        int nameMaxCodePoints,
        int voiceMaxChars) {

    public static final int TICK_HZ_MIN = 5;
    public static final int TICK_HZ_MAX = 60;
    public static final int K_MAX = 1024;

    public SpaceConfig {
        check(tickHz >= TICK_HZ_MIN && tickHz <= TICK_HZ_MAX, "tickHz must be " + TICK_HZ_MIN + ".." + TICK_HZ_MAX,
                tickHz);
        check(interestRadius > 0 && Double.isFinite(interestRadius), "interestRadius must be > 0 m", interestRadius);
        check(k >= 1 && k <= K_MAX, "k must be 1.." + K_MAX, k);
        Objects.requireNonNull(bounds, "bounds");
        check(capacity >= 1 && capacity <= SpaceLimits.CAPACITY_MAX, "capacity must be 1.." + SpaceLimits.CAPACITY_MAX,
                capacity);
        check(maxSpeed > 0 && Double.isFinite(maxSpeed), "maxSpeed must be > 0 m/s", maxSpeed);
        check(speedTolerance >= 1 && speedTolerance <= 10, "speedTolerance must be 1..10", speedTolerance);
        checkDuration(speedBurst, "speedBurst");
        check(cellSize > 0 && Double.isFinite(cellSize), "cellSize must be > 0 m", cellSize);
        check(exitHysteresis >= 1 && exitHysteresis <= 2, "exitHysteresis must be 1..2", exitHysteresis);
        checkDuration(interestInterval, "interestInterval");
        check(interestInterval.toMillis() <= 1000, "interestInterval must be at most 1 s, got ms",
                interestInterval.toMillis());
        tiers = List.copyOf(tiers);
        check(!tiers.isEmpty(), "tiers must not be empty", tiers.size());
        for (int i = 1; i < tiers.size(); i++) {
            check(tiers.get(i).withinMetres() > tiers.get(i - 1).withinMetres(), "tiers must be nearest first, tier "
                    + i + " has withinMetres", tiers.get(i).withinMetres());
        }
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(backpressure, "backpressure");
        checkDuration(resumeWindow, "resumeWindow");
        checkDuration(holdTimeout, "holdTimeout");
        checkDuration(localIdReuseDelay, "localIdReuseDelay");
        check(inboxCapacity >= 16 && inboxCapacity <= 1 << 24, "inboxCapacity must be 16..2^24", inboxCapacity);
        check(chatMaxCodePoints >= 1 && chatMaxCodePoints <= 100_000, "chatMaxCodePoints must be 1..100000",
                chatMaxCodePoints);
        check(nameMaxCodePoints >= 1 && nameMaxCodePoints <= 1000, "nameMaxCodePoints must be 1..1000",
                nameMaxCodePoints);
        check(voiceMaxChars >= 1 && voiceMaxChars <= 1 << 20, "voiceMaxChars must be 1..2^20", voiceMaxChars);
    }

    /**
     * 20 Hz, 30 m radius, K = 64, a 1 km square, 1000 avatars, 10 m/s (× 1.25, 0.5 s of saved-up
     * movement), 8 m cells, exit at 1.1 × radius, tiers every tick within 10 m, every 2nd within 20 m,
     * every 4th beyond; interest recomputed every 100 ms; resume 30 s; hold 10 s; local ids reused after 1 s.
     */
    public static SpaceConfig defaults() {
        return new SpaceConfig(20, 30, 64, Bounds.centred(1000, 100, 1000), 1000, 10, 1.25, Duration.ofMillis(500), 8,
                1.1, Duration.ofMillis(100), List.of(new UpdateTier(10, 1), new UpdateTier(20, 2), new UpdateTier(Double.POSITIVE_INFINITY, 4)),
                RateLimits.defaults(), Backpressure.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 1 << 16, 500, 64, 16_384);
    }

    /** Nanoseconds between ticks. */
    public long tickNanos() {
        return 1_000_000_000L / tickHz;
    }

    /** A duration in whole ticks, at least {@code min}. */
    public int ticks(Duration d, int min) {
        return (int) Math.max(min, Math.min(Integer.MAX_VALUE, d.toNanos() / tickNanos()));
    }

    public SpaceConfig withTickHz(int v) {
        return new SpaceConfig(v, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst, cellSize,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withInterestRadius(double v) {
        return new SpaceConfig(tickHz, v, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst, cellSize,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withInterestInterval(Duration v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst, cellSize,
                exitHysteresis, v, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withK(int v) {
        return new SpaceConfig(tickHz, interestRadius, v, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout,
                localIdReuseDelay, inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withBounds(Bounds v) {
        return new SpaceConfig(tickHz, interestRadius, k, v, capacity, maxSpeed, speedTolerance, speedBurst, cellSize,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withCapacity(int v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, v, maxSpeed, speedTolerance, speedBurst, cellSize,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withMaxSpeed(double v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, v, speedTolerance, speedBurst, cellSize,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withCellSize(double v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst, v,
                exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withTiers(List<UpdateTier> v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, v, rateLimits, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withRateLimits(RateLimits v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, v, backpressure, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withBackpressure(Backpressure v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, v, resumeWindow, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withResumeWindow(Duration v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, backpressure, v, holdTimeout, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withHoldTimeout(Duration v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, v, localIdReuseDelay,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withLocalIdReuseDelay(Duration v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout, v,
                inboxCapacity, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    public SpaceConfig withInboxCapacity(int v) {
        return new SpaceConfig(tickHz, interestRadius, k, bounds, capacity, maxSpeed, speedTolerance, speedBurst,
                cellSize, exitHysteresis, interestInterval, tiers, rateLimits, backpressure, resumeWindow, holdTimeout,
                localIdReuseDelay, v, chatMaxCodePoints, nameMaxCodePoints, voiceMaxChars);
    }

    private static void check(boolean ok, String rule, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(rule + ", got " + got);
        }
    }

    private static void checkDuration(Duration d, String name) {
        Objects.requireNonNull(d, name);
        check(!d.isNegative(), name + " must not be negative", d);
    }

    /** Entities nearer than {@code withinMetres} (and not in a nearer tier) are updated every {@code everyTicks} ticks. */
    public record UpdateTier(double withinMetres, int everyTicks) {
        public UpdateTier {
            check(withinMetres > 0, "withinMetres must be > 0 (infinity for the last tier)", withinMetres);
            check(everyTicks >= 1 && everyTicks <= 1000, "everyTicks must be 1..1000", everyTicks);
        }
    }

    /** A token bucket: {@code perSecond} refill, at most {@code burst} saved up. */
    public record Rate(double perSecond, double burst) {
        public Rate {
            check(perSecond > 0 && Double.isFinite(perSecond), "perSecond must be > 0", perSecond);
            check(burst >= 1 && Double.isFinite(burst), "burst must be >= 1", burst);
        }
    }

    /**
     * Per-client input limits. Excess inputs are dropped and counted, with at most one
     * {@link ErrorCode#RATE_LIMITED} error a second. A client that earns {@code abuseErrors} errors
     * within {@code abuseWindow} gets goodbye {@link ErrorCode#KICKED} and its avatar is removed.
     * Errors that count are the client's own fault: RATE_LIMITED, INVALID_INPUT, TOO_LARGE, FORBIDDEN,
     * MUTED (talking while muted) and ALREADY_JOINED. NO_SUCH_ENTITY and OBJECT_HELD do not count:
     * honest clients earn them through races with exits and with other players.
     */
    public record RateLimits(Rate move, Rate chat, Rate emote, Rate voice, Rate objectMove, int abuseErrors,
            Duration abuseWindow) {
        public RateLimits {
            Objects.requireNonNull(move, "move");
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(emote, "emote");
            Objects.requireNonNull(voice, "voice");
            Objects.requireNonNull(objectMove, "objectMove");
            check(abuseErrors >= 1, "abuseErrors must be >= 1", abuseErrors);
            checkDuration(abuseWindow, "abuseWindow");
        }

        /**
         * Moves 30/s (burst 30: inputs bunched behind a stall of up to a second are not refused), chat
         * 2/s (burst 5), emotes 2/s (burst 5), voice 20/s (burst 20), object moves 30/s (burst 10);
         * 10 errors in 10 s.
         */
        public static RateLimits defaults() {
            return new RateLimits(new Rate(30, 30), new Rate(2, 5), new Rate(2, 5), new Rate(20, 20), new Rate(30, 10),
                    10, Duration.ofSeconds(10));
        }
    }

    /**
     * Thresholds on {@link ClientSink#backlog()}: at {@code coalesceAt} or more only the nearest tier is
     * sent that tick (the rest keep their accumulated masks); at {@code dropAt} or more continuously
     * for {@code dropAfter}, goodbye {@link ErrorCode#TOO_SLOW}.
     */
    public record Backpressure(int coalesceAt, int dropAt, Duration dropAfter) {
        public Backpressure {
            check(coalesceAt >= 1, "coalesceAt must be >= 1", coalesceAt);
            check(dropAt >= coalesceAt, "dropAt must be >= coalesceAt", dropAt);
            checkDuration(dropAfter, "dropAfter");
        }

        /** Coalesce at 2 queued frames, drop after 2 s at 20 or more. */
        public static Backpressure defaults() {
            return new Backpressure(2, 20, Duration.ofSeconds(2));
        }
    }
}
