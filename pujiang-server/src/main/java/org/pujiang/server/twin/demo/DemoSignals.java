package org.pujiang.server.twin.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.pujiang.twin.model.TwinModel;

/**
 * Plausible, smoothly varying values for the demo twins: presses that heat up under load and now and then
 * overheat, belts, robot arms, streetlights that follow a day compressed into minutes, traffic waves and PM2.5
 * episodes. {@code pujiang simulate} publishes them; tests check them against the models.
 *
 * <p>Pure: no clock, no I/O, no shared state. Time is passed in as epoch milliseconds; the same seed, origin and
 * sequence of calls give the same values. The factory runs in real time; the city's day lasts {@code dayLength}
 * and starts late in the afternoon at {@code originMillis}, so the lights come on within the first minutes.
 * Devices are not thread-safe: drive each from one thread.
 */
public final class DemoSignals {
    /** Hour of the city's day at the origin: shortly before dusk. */
    static final double START_HOUR = 16.5;

    private static final String PREFIX = "urn:pujiang:model:demo:";
    private static final Map<String, Function<DemoDevice.Init, DemoDevice>> KINDS = Map.of(
            PREFIX + "press", DemoDevice.Press::new,
            PREFIX + "conveyor", DemoDevice.Conveyor::new,
            PREFIX + "robot-arm", DemoDevice.RobotArm::new,
            PREFIX + "line", DemoDevice.Line::new,
            PREFIX + "streetlight", DemoDevice.Streetlight::new,
            PREFIX + "air-quality", DemoDevice.AirQuality::new,
            PREFIX + "traffic-counter", DemoDevice.TrafficCounter::new,
            PREFIX + "energy-meter", DemoDevice.EnergyMeter::new);

    private final long seed;
    private final long dayMillis;
    private final long originMillis;

    private DemoSignals(long seed, long dayMillis, long originMillis) {
        this.seed = seed;
        this.dayMillis = dayMillis;
        this.originMillis = originMillis;
    }

    /**
     * @param dayLength    how long a city day lasts (at least a minute)
     * @param originMillis the simulation's start, epoch ms: the city's clock reads {@link #START_HOUR} then
     */
    public static DemoSignals create(long seed, Duration dayLength, long originMillis) {
        Objects.requireNonNull(dayLength, "dayLength");
        if (dayLength.toMillis() < 60_000) {
            throw new IllegalArgumentException("a day must last at least a minute, got " + dayLength);
        }
        return new DemoSignals(seed, dayLength.toMillis(), originMillis);
    }

    /**
     * A simulated device for a twin; empty when the model has no properties (a site, a building, a block: there
     * is nothing to report). Models this class does not know get a generic device that wanders inside the
     * model's ranges.
     */
    public Optional<DemoDevice> device(String twinId, TwinModel model) {
        Objects.requireNonNull(twinId, "twinId");
        if (model.properties().isEmpty()) {
            return Optional.empty();
        }
        DemoDevice.Init init = new DemoDevice.Init(twinId, model, new Noise(mix(seed, twinId)), this);
        return Optional.of(KINDS.getOrDefault(model.id(), DemoDevice.Generic::new).apply(init));
    }

    /** The city's hour of day, [0, 24), at {@code nowMillis}. */
    public double cityHour(long nowMillis) {
        double days = (double) (nowMillis - originMillis) / dayMillis + START_HOUR / 24.0;
        double frac = days - Math.floor(days);
        return frac * 24.0;
    }

    /** How many real milliseconds one city hour lasts. */
    long cityHourMillis() {
        return dayMillis / 24;
    }

    private static long mix(long seed, String id) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h = Noise.scramble(h ^ id.charAt(i));
        }
        return h;
    }

    /**
     * Deterministic noise of a device: value noise (smooth in time, a pure function of its channel and time) and
     * episodes (rare spells, each a smooth bump). Neither depends on how often it is sampled.
     */
    static final class Noise {
        private final long seed;

        Noise(long seed) {
            this.seed = seed;
        }

        /** SplitMix64's finaliser: a good 64-bit scramble. */
        static long scramble(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** A uniform number in [0, 1) for (channel, slot). */
        double uniform(int channel, long slot) {
            long h = scramble(seed ^ scramble(channel * 0x632BE59BD9B4E019L + slot));
            return (h >>> 11) * 0x1.0p-53;
        }

        /** Smooth noise in [-1, 1] with about one swing per {@code periodMillis}. */
        double smooth(int channel, long nowMillis, long periodMillis) {
            double t = (double) nowMillis / periodMillis;
            long k = (long) Math.floor(t);
            double f = t - k;
            double a = uniform(channel, k) * 2 - 1;
            double b = uniform(channel, k + 1) * 2 - 1;
            double w = (1 - Math.cos(Math.PI * f)) / 2;
            return a + (b - a) * w;
        }

        /**
         * 0 outside a spell, rising smoothly to 1 and back inside one. Time is cut into slots of
         * {@code slotMillis}; a slot holds one spell of {@code lengthMillis} with {@code probability}.
         */
        double spell(int channel, long nowMillis, long slotMillis, double probability, long lengthMillis) {
            long slot = Math.floorDiv(nowMillis, slotMillis);
            if (uniform(channel, slot) >= probability) {
                return 0;
            }
            long start = slot * slotMillis + (long) (uniform(channel + 1, slot) * (slotMillis - lengthMillis));
            double phase = (double) (nowMillis - start) / lengthMillis;
            return phase <= 0 || phase >= 1 ? 0 : Math.sin(Math.PI * phase);
        }

        /** The spell's own strength in [0, 1), fixed for the slot: some spells are worse than others. */
        double spellStrength(int channel, long nowMillis, long slotMillis) {
            return uniform(channel + 2, Math.floorDiv(nowMillis, slotMillis));
        }
    }
}
