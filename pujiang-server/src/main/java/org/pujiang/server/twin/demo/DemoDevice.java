package org.pujiang.server.twin.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.IntegerSchema;
import org.pujiang.twin.model.NumberSchema;
import org.pujiang.twin.model.NumericRange;
import org.pujiang.twin.model.Property;
import org.pujiang.twin.model.TwinModel;
import org.pujiang.twin.model.Validation;

/**
 * One simulated device of a demo twin: its state (running or not, temperatures, set-points) and the values it
 * reports. Made by {@link DemoSignals#device}. Pure and deterministic: time comes in as an argument, randomness
 * from the device's seeded {@link DemoSignals.Noise}. Not thread-safe: one thread drives a device.
 *
 * <p>Every report is fitted to the model: numbers are clamped into the property's range and rounded (integers
 * to whole numbers, others to two decimals), so a report always passes {@link CompiledModel#validateReported}.
 */
public abstract sealed class DemoDevice {
    /** What every device is made from. */
    record Init(String twinId, TwinModel model, DemoSignals.Noise noise, DemoSignals signals) {
    }

    /** The answer to an RPC: the body the device publishes on {@code v1/devices/me/rpc/response/{id}}. */
    public record Answer(boolean ok, ObjectNode body) {
        static Answer done() {
            return new Answer(true, NODES.objectNode().put("ok", true));
        }

        static Answer refused(String error) {
            return new Answer(false, NODES.objectNode().put("ok", false).put("error", error));
        }
    }

    /**
     * What a desired-state change did.
     *
     * @param applied the values now in force, to report at once
     * @param refused one message per value not taken (unknown, read-only, or not fitting the model)
     */
    public record Desired(ObjectNode applied, List<String> refused) {
        public Desired {
            refused = List.copyOf(refused);
        }
    }

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double MAX_STEP_SECONDS = 10;

    final String twinId;
    final CompiledModel model;
    final DemoSignals.Noise noise;
    final DemoSignals signals;
    private long last = Long.MIN_VALUE;

    DemoDevice(Init init) {
        this.twinId = init.twinId();
        this.model = CompiledModel.of(init.model());
        this.noise = init.noise();
        this.signals = init.signals();
    }

    public String twinId() {
        return twinId;
    }

    public TwinModel model() {
        return model.model();
    }

    /**
     * Advances the device to {@code nowMillis} and returns every property's value. A time before the last one
     * advances nothing; a gap longer than ten seconds (a stalled process) counts as ten.
     */
    public final ObjectNode sample(long nowMillis) {
        step(nowMillis);
        ObjectNode out = NODES.objectNode();
        report(nowMillis, out);
        return fit(out);
    }

    /**
     * An RPC from the server ({@code {"method": M, "params": P}}): M names an action of the model, with P its input,
     * or is {@code set}, with P an object of writable properties to set.
     */
    public final Answer call(String method, JsonNode params, long nowMillis) {
        step(nowMillis);
        if (method != null && model.model().actions().containsKey(method)) {
            if (model.validateActionInput(method, params) instanceof Validation.Rejected r) {
                return Answer.refused(r.reason());
            }
            String problem = act(method, nowMillis);
            return problem == null ? Answer.done() : Answer.refused(problem);
        }
        if ("set".equals(method)) {
            Desired d = desire(params, nowMillis);
            return d.refused().isEmpty() ? Answer.done() : Answer.refused(String.join("; ", d.refused()));
        }
        return Answer.refused("no method " + method + "; this device takes " + model.model().actions().keySet()
                + " and set");
    }

    /**
     * Desired values from the server (a shadow delta): each writable property of the model that fits it is taken;
     * the rest are refused with a reason. Members that are not properties of the model (a delta's
     * {@code version}, say) are ignored.
     */
    public final Desired desire(JsonNode values, long nowMillis) {
        step(nowMillis);
        ObjectNode applied = NODES.objectNode();
        List<String> refused = new ArrayList<>();
        if (values == null || !values.isObject()) {
            refused.add("desired values must be a JSON object");
            return new Desired(applied, refused);
        }
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            Property p = model.model().properties().get(e.getKey());
            if (p == null) {
                continue;
            }
            if (p.readOnly()) {
                refused.add(e.getKey() + " is read-only");
            } else if (model.validateProperty(e.getKey(), e.getValue()) instanceof Validation.Rejected r) {
                refused.add(r.reason());
            } else {
                set(e.getKey(), e.getValue(), nowMillis);
                applied.set(e.getKey(), e.getValue());
            }
        }
        if (!applied.isEmpty()) {
            ObjectNode now = NODES.objectNode();
            report(nowMillis, now);
            fit(now);
            List<String> names = new ArrayList<>();
            applied.fieldNames().forEachRemaining(names::add);
            names.stream().filter(now::has).forEach(name -> applied.set(name, now.get(name)));
        }
        return new Desired(applied, refused);
    }

    private void step(long nowMillis) {
        if (last == Long.MIN_VALUE) {
            last = nowMillis;
            advance(nowMillis, 0);
        } else if (nowMillis > last) {
            double dt = Math.min((nowMillis - last) / 1000.0, MAX_STEP_SECONDS);
            last = nowMillis;
            advance(nowMillis, dt);
        }
    }

    /** Moves the state on by {@code dt} seconds to {@code nowMillis}. */
    abstract void advance(long nowMillis, double dt);

    /** Puts the values at {@code nowMillis} into {@code out}; {@link #fit} tidies them afterwards. */
    abstract void report(long nowMillis, ObjectNode out);

    /** Runs an action the model declares; null when done, else why not. */
    String act(String action, long nowMillis) {
        return "action " + action + " is not simulated";
    }

    /** Takes a desired value, already checked against the model. */
    abstract void set(String property, JsonNode value, long nowMillis);

    private ObjectNode fit(ObjectNode out) {
        List<String> names = new ArrayList<>();
        out.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            Property p = model.model().properties().get(name);
            JsonNode value = out.get(name);
            if (p == null || !value.isNumber()) {
                continue;
            }
            double v = value.doubleValue();
            if (p.schema() instanceof IntegerSchema s) {
                long n = Math.round(clamp(v, s.range()));
                out.put(name, (long) clamp(n, shrink(s.range())));
            } else if (p.schema() instanceof NumberSchema s) {
                out.put(name, clamp(Math.round(clamp(v, s.range()) * 100) / 100.0, s.range()));
            }
        }
        return out;
    }

    private static double clamp(double v, NumericRange r) {
        double lo = r.minimum() == null ? -Double.MAX_VALUE : r.minimum();
        double hi = r.maximum() == null ? Double.MAX_VALUE : r.maximum();
        if (r.exclusiveMinimum() != null) {
            lo = Math.max(lo, Math.nextUp(r.exclusiveMinimum().doubleValue()));
        }
        if (r.exclusiveMaximum() != null) {
            hi = Math.min(hi, Math.nextDown(r.exclusiveMaximum().doubleValue()));
        }
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    /** The range of whole numbers inside {@code r}. */
    private static NumericRange shrink(NumericRange r) {
        double lo = Math.ceil(clamp(-Double.MAX_VALUE, r));
        double hi = Math.floor(clamp(Double.MAX_VALUE, r));
        return NumericRange.closed(lo, hi);
    }

    static double approach(double current, double target, double dtSeconds, double tauSeconds) {
        return target + (current - target) * Math.exp(-dtSeconds / tauSeconds);
    }

    static double smoothstep(double edge0, double edge1, double x) {
        double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }

    /** A bump of height 1 at {@code centre} hours, {@code width} hours wide (one standard deviation). */
    static double bump(double hour, double centre, double width) {
        double d = (hour - centre) / width;
        return Math.exp(-d * d / 2);
    }

    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;

    /**
     * A machine that runs, stops and faults, answering start, stop and reset the same way; {@link #resetRefusal}
     * lets one refuse a reset while it is unsafe.
     */
    abstract static sealed class Machine extends DemoDevice {
        String state = "running";
        boolean stoppedByUser;
        long since;
        private final String noun;

        Machine(Init init, String noun) {
            super(init);
            this.noun = noun;
        }

        /** Why a reset out of fault is refused now, or null to allow it. */
        String resetRefusal() {
            return null;
        }

        @Override
        String act(String action, long now) {
            switch (action) {
                case "start" -> {
                    if (state.equals("fault")) {
                        return "the " + noun + " is in fault: reset it first";
                    }
                    state = "running";
                    stoppedByUser = false;
                }
                case "stop" -> {
                    if (state.equals("running")) {
                        state = "idle";
                        since = now;
                    }
                    stoppedByUser = true;
                }
                case "reset" -> {
                    if (state.equals("fault")) {
                        String refusal = resetRefusal();
                        if (refusal != null) {
                            return refusal;
                        }
                        state = "idle";
                        since = now;
                    }
                }
                default -> {
                    return super.act(action, now);
                }
            }
            return null;
        }
    }

    /**
     * A hydraulic press: strokes every six seconds while running; the oil settles near 68 °C under load, and a few
     * times an hour an overheating spell drives it past 90 °C (the demo rule's threshold). Past 120 °C it trips
     * into fault; the simulated night shift resets it once the oil is below 85 °C.
     */
    static final class Press extends Machine {
        private static final double STROKE_SECONDS = 6;
        private static final long SPELL_SLOT = 6 * MINUTE;
        private double temperature;
        private double target = 220;
        private double phase;
        private long strokes;

        Press(Init init) {
            super(init, "press");
            temperature = 50 + 10 * noise.uniform(1, 0);
            strokes = 100_000 + (long) (noise.uniform(2, 0) * 400_000);
            phase = noise.uniform(3, 0);
        }

        @Override
        void advance(long now, double dt) {
            boolean running = state.equals("running");
            if (running) {
                phase += dt / STROKE_SECONDS;
                while (phase >= 1) {
                    phase -= 1;
                    strokes++;
                }
            }
            double spell = noise.spell(10, now, SPELL_SLOT, 0.55, 100 * SECOND)
                    * (0.55 + 0.5 * noise.spellStrength(10, now, SPELL_SLOT));
            double load = running ? 44 + 5 * noise.smooth(11, now, 90 * SECOND) + 52 * spell : 0;
            temperature = approach(temperature, 24 + load, dt, running ? 40 : 120);
            switch (state) {
                case "running" -> {
                    if (temperature > 120) {
                        state = "fault";
                        since = now;
                    }
                }
                case "fault" -> {
                    if (now - since > 45 * SECOND && temperature < 85) {
                        state = "idle";
                        since = now;
                    }
                }
                default -> {
                    if (!stoppedByUser && now - since > 10 * SECOND) {
                        state = "running";
                    }
                }
            }
        }

        @Override
        void report(long now, ObjectNode out) {
            boolean running = state.equals("running");
            out.put("temperature", temperature + 0.3 * noise.smooth(12, now, 3 * SECOND));
            out.put("pressure", running
                    ? target * (0.5 - 0.5 * Math.cos(2 * Math.PI * phase)) + 2 * noise.smooth(13, now, 2 * SECOND)
                    : 1.5 + 0.5 * noise.smooth(13, now, 2 * SECOND));
            out.put("cycleCount", strokes);
            out.put("state", state);
            out.put("targetPressure", target);
        }

        @Override
        String resetRefusal() {
            return temperature > 100 ? "the oil is still at " + Math.round(temperature) + " °C; reset below 100 °C" : null;
        }

        @Override
        void set(String property, JsonNode value, long now) {
            if (property.equals("targetPressure")) {
                target = value.doubleValue();
            }
        }
    }

    /** A belt conveyor: ramps to its set speed at 0.4 m/s² when started, to zero when stopped; parcels load it. */
    static final class Conveyor extends DemoDevice {
        private boolean running = true;
        private double setSpeed = 1.2;
        private double speed = 1.2;
        private double load;

        Conveyor(Init init) {
            super(init);
        }

        @Override
        void advance(long now, double dt) {
            double to = running ? setSpeed : 0;
            speed += Math.max(-0.4 * dt, Math.min(0.4 * dt, to - speed));
            if (running || dt == 0) {
                load = 150 + 70 * noise.smooth(21, now, 25 * SECOND) + 35 * noise.smooth(22, now, 6 * SECOND);
            }
        }

        @Override
        void report(long now, ObjectNode out) {
            out.put("speed", speed <= 0 ? 0 : speed + 0.01 * noise.smooth(20, now, 2 * SECOND));
            out.put("load", load);
            out.put("running", running);
        }

        @Override
        String act(String action, long now) {
            switch (action) {
                case "start" -> running = true;
                case "stop" -> running = false;
                default -> {
                    return super.act(action, now);
                }
            }
            return null;
        }

        @Override
        void set(String property, JsonNode value, long now) {
            if (property.equals("speed")) {
                setSpeed = value.doubleValue();
            }
        }
    }

    /** A six-axis arm: about twelve seconds a cycle, with hiccups; a hot spell now and then warms its joints. */
    static final class RobotArm extends Machine {
        private static final long SPELL_SLOT = 10 * MINUTE;
        private double temperature;

        RobotArm(Init init) {
            super(init, "arm");
            temperature = 45 + 8 * noise.uniform(1, 0);
        }

        @Override
        void advance(long now, double dt) {
            boolean running = state.equals("running");
            double spell = noise.spell(30, now, SPELL_SLOT, 0.35, 150 * SECOND)
                    * (0.6 + 0.5 * noise.spellStrength(30, now, SPELL_SLOT));
            double heat = running ? 26 + 6 * noise.smooth(31, now, 2 * MINUTE) + 25 * spell : 0;
            temperature = approach(temperature, 28 + heat, dt, 60);
            switch (state) {
                case "running" -> {
                    if (temperature > 95) {
                        state = "fault";
                        since = now;
                    }
                }
                case "fault" -> {
                    if (now - since > MINUTE && temperature < 70) {
                        state = "idle";
                        since = now;
                    }
                }
                default -> {
                    if (!stoppedByUser && now - since > 15 * SECOND) {
                        state = "running";
                    }
                }
            }
        }

        @Override
        void report(long now, ObjectNode out) {
            out.put("jointTemperature", temperature + 0.2 * noise.smooth(32, now, 3 * SECOND));
            out.put("cycleTime", state.equals("running")
                    ? 11.5 + 1.2 * noise.smooth(33, now, 40 * SECOND) + 6 * noise.spell(34, now, 3 * MINUTE, 0.3, 20 * SECOND)
                    : 0);
            out.put("state", state);
        }

        @Override
        void set(String property, JsonNode value, long now) {
            // the arm has no writable properties
        }
    }

    /** A production line's throughput and OEE, with an occasional stoppage that dents both. */
    static final class Line extends DemoDevice {
        Line(Init init) {
            super(init);
        }

        @Override
        void advance(long now, double dt) {
        }

        @Override
        void report(long now, ObjectNode out) {
            double stoppage = noise.spell(41, now, 8 * MINUTE, 0.3, 90 * SECOND);
            out.put("partsPerHour", 600 + 90 * noise.smooth(40, now, MINUTE) - 250 * stoppage);
            out.put("oee", 84 + 5 * noise.smooth(42, now, 2 * MINUTE) - 20 * stoppage);
        }

        @Override
        void set(String property, JsonNode value, long now) {
        }
    }

    /**
     * A streetlight on the city's compressed day: on from dusk (18:00) to dawn (06:00), each light a few minutes
     * apart, dimmed to 60 % after midnight. A desired {@code on} holds until the next dusk or dawn.
     */
    static final class Streetlight extends DemoDevice {
        private final double jitterHours;
        private Boolean override;
        private boolean autoAtOverride;
        private double setBrightness = 80;

        Streetlight(Init init) {
            super(init);
            jitterHours = (noise.uniform(50, 0) - 0.5) * 0.3;
        }

        private boolean dark(long now) {
            double h = signals.cityHour(now) + jitterHours;
            return h >= 18 || h < 6;
        }

        private boolean on(long now) {
            return override != null ? override : dark(now);
        }

        @Override
        void advance(long now, double dt) {
            if (override != null && dark(now) != autoAtOverride) {
                override = null;
            }
        }

        @Override
        void report(long now, ObjectNode out) {
            boolean on = on(now);
            double h = signals.cityHour(now);
            double brightness = on ? (h < 5 ? setBrightness * 0.6 : setBrightness) : 0;
            out.put("on", on);
            out.put("brightness", brightness);
            out.put("power", on ? 12 + brightness * 1.8 + 1.5 * noise.smooth(51, now, 5 * SECOND) : 1.5);
        }

        @Override
        void set(String property, JsonNode value, long now) {
            switch (property) {
                case "on" -> {
                    override = value.booleanValue();
                    autoAtOverride = dark(now);
                }
                case "brightness" -> setBrightness = value.doubleValue();
                default -> { }
            }
        }
    }

    /** Traffic peaks at 08:00 and 18:00 of the city's day. */
    static double rush(double hour) {
        return bump(hour, 8, 1.5) + bump(hour, 18, 1.8);
    }

    /** PM2.5 follows traffic, with smog episodes past the demo rule's 75 µg/m³; temperature follows the sun. */
    static final class AirQuality extends DemoDevice {
        private static final long SPELL_SLOT = 5 * MINUTE;
        private final double base;

        AirQuality(Init init) {
            super(init);
            base = 18 + 14 * noise.uniform(63, 0);
        }

        @Override
        void advance(long now, double dt) {
        }

        @Override
        void report(long now, ObjectNode out) {
            double h = signals.cityHour(now);
            double episode = noise.spell(60, now, SPELL_SLOT, 0.35, 100 * SECOND)
                    * (70 + 60 * noise.spellStrength(60, now, SPELL_SLOT));
            out.put("pm25", base + 10 * noise.smooth(61, now, 3 * MINUTE) + 18 * rush(h) + episode
                    + 2 * noise.smooth(62, now, 4 * SECOND));
            out.put("co2", 415 + 60 * rush(h) + 15 * noise.smooth(64, now, 2 * MINUTE) + 0.8 * episode);
            out.put("temperature", 19 + 6 * Math.cos(2 * Math.PI * (h - 15) / 24) + 0.8 * noise.smooth(65, now, 90 * SECOND));
        }

        @Override
        void set(String property, JsonNode value, long now) {
        }
    }

    /** Vehicles per minute: rush hours, waves from the signals upstream every 45 s, quiet nights. */
    static final class TrafficCounter extends DemoDevice {
        private final double scale;

        TrafficCounter(Init init) {
            super(init);
            scale = 0.8 + 0.4 * noise.uniform(72, 0);
        }

        @Override
        void advance(long now, double dt) {
        }

        @Override
        void report(long now, ObjectNode out) {
            double h = signals.cityHour(now);
            double daytime = smoothstep(5.5, 7.5, h) * (1 - smoothstep(21, 23.5, h));
            double wave = Math.sin(2 * Math.PI * now / (45.0 * SECOND)) * (0.3 + 0.7 * daytime);
            long vehicles = Math.max(0, Math.round(scale * (4 + 14 * daytime + 32 * rush(h) + 6 * wave
                    + 3 * noise.smooth(70, now, 10 * SECOND))));
            out.put("vehiclesPerMinute", vehicles);
            out.put("averageSpeed", Math.max(8, Math.min(70, 58 - 0.55 * vehicles + 3 * noise.smooth(71, now, 20 * SECOND))));
        }

        @Override
        void set(String property, JsonNode value, long now) {
        }
    }

    /** An office tower's meter: a night base load, office hours on top; energy integrates power in real time. */
    static final class EnergyMeter extends DemoDevice {
        private final double scale;
        private double energy;
        private double power;

        EnergyMeter(Init init) {
            super(init);
            scale = 0.7 + 0.6 * noise.uniform(83, 0);
            energy = 2_000_000 + 3_000_000 * noise.uniform(84, 0);
        }

        @Override
        void advance(long now, double dt) {
            double h = signals.cityHour(now);
            double occupancy = smoothstep(7, 9, h) * (1 - smoothstep(18, 20.5, h));
            power = scale * (180 + 60 * noise.smooth(80, now, 3 * MINUTE)
                    + occupancy * (950 + 150 * noise.smooth(81, now, 90 * SECOND)) + 25 * noise.smooth(82, now, 5 * SECOND));
            energy += power * dt / 3600;
        }

        @Override
        void report(long now, ObjectNode out) {
            out.put("power", power);
            out.put("energy", energy);
        }

        @Override
        void set(String property, JsonNode value, long now) {
        }
    }

    /**
     * Any other model: numbers wander about the middle of their ranges, booleans flip now and then, enums hold
     * their first value; desired values are echoed. Properties of other types are not reported.
     */
    static final class Generic extends DemoDevice {
        private final Map<String, JsonNode> desired = new HashMap<>();

        Generic(Init init) {
            super(init);
        }

        @Override
        void advance(long now, double dt) {
        }

        @Override
        void report(long now, ObjectNode out) {
            int channel = 100;
            for (Property p : model.model().properties().values()) {
                channel++;
                if (p.writeOnly()) {
                    continue;
                }
                JsonNode wanted = desired.get(p.name());
                if (wanted != null) {
                    out.set(p.name(), wanted);
                    continue;
                }
                double wander = noise.smooth(channel, now, 30 * SECOND);
                switch (p.schema()) {
                    case NumberSchema s -> out.put(p.name(), middle(s.range(), wander));
                    case IntegerSchema s -> out.put(p.name(), middle(s.range(), wander));
                    case org.pujiang.twin.model.BooleanSchema s -> out.put(p.name(), wander > 0);
                    case org.pujiang.twin.model.StringSchema s when !s.facets().enumValues().isEmpty() ->
                            out.set(p.name(), s.facets().enumValues().getFirst());
                    default -> { }
                }
            }
        }

        private static double middle(NumericRange r, double wander) {
            if (r.minimum() != null && r.maximum() != null) {
                double mid = (r.minimum() + r.maximum()) / 2;
                return mid + wander * 0.4 * (r.maximum() - r.minimum()) / 2;
            }
            double anchor = r.minimum() != null ? r.minimum() + 50 : r.maximum() != null ? r.maximum() - 50 : 0;
            return anchor + 10 * wander;
        }

        @Override
        void set(String property, JsonNode value, long now) {
            desired.put(property, value.deepCopy());
        }
    }
}
