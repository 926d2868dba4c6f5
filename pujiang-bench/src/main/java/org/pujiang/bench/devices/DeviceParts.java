package org.pujiang.bench.devices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pure parts of {@code pujiang-bench devices}: payloads, the bench model, option checks and Prometheus text. */
final class DeviceParts {
    /** Values are drawn from this range; the model allows a much wider one, so no payload is refused. */
    static final double VALUE_LIMIT = 1e9;
    static final String SENT_AT = "sentAt";

    private DeviceParts() {
    }

    /** {@code v0..v(values-1)} as names. */
    static String valueName(int j) {
        return "v" + j;
    }

    /**
     * One telemetry message: {@code {"v0":..,"v(values-1)":..,"sentAt":ms}}. The values wander
     * deterministically with the device and the sequence number, so that consecutive messages differ.
     */
    static String payload(int values, int device, long seq, long sentAtMs) {
        StringBuilder b = new StringBuilder(16 + values * 14);
        b.append('{');
        for (int j = 0; j < values; j++) {
            long raw = (seq * 31 + j * 7L + device * 13L) % 2000;
            b.append('"').append('v').append(j).append("\":").append(raw / 10).append('.').append(raw % 10).append(',');
        }
        b.append('"').append(SENT_AT).append("\":").append(sentAtMs).append('}');
        return b.toString();
    }

    /** Values one payload carries as the server counts them: the {@code v} values and {@code sentAt}. */
    static int valuesPerMessage(int values) {
        return values + 1;
    }

    /** The bench model's id for {@code values} numeric properties. */
    static String modelId(int values) {
        return "urn:pujiang:model:bench:device-" + values;
    }

    /** A WoT Thing Model with numeric telemetry {@code v0..v(values-1)} and the integer {@code sentAt} (epoch ms). */
    static JsonObject model(int values) {
        JsonObject props = new JsonObject();
        for (int j = 0; j < values; j++) {
            props.put(valueName(j), new JsonObject().put("type", "number").put("minimum", -VALUE_LIMIT)
                    .put("maximum", VALUE_LIMIT).put("readOnly", true).put("pujiang:history", true));
        }
        props.put(SENT_AT, new JsonObject().put("type", "integer").put("minimum", 0)
                .put("description", "epoch ms at which the load generator sent the message").put("readOnly", true)
                .put("pujiang:history", true));
        return new JsonObject()
                .put("@context", new JsonArray().add("https://www.w3.org/2022/wot/td/v1.1")
                        .add(new JsonObject().put("pujiang", "https://pujiang.org/ns/twin#")))
                .put("@type", "tm:ThingModel")
                .put("id", modelId(values))
                .put("title", "Bench device (" + values + " values)")
                .put("properties", props);
    }

    /** Reads a {@code tcp://HOST:PORT} (or {@code mqtt://}) address; port 1883 when left out. */
    static URI mqttAddress(String value) {
        URI u = URI.create(value.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("mqtt")) {
            throw new IllegalArgumentException("--mqtt must be tcp://HOST:PORT, got '" + value + "'");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("--mqtt needs a host: tcp://HOST:PORT, got '" + value + "'");
        }
        return URI.create("tcp://" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 1883));
    }

    /** The problems with a set of options; empty when they can be run. */
    static List<String> problems(int devices, double rate, int values, double duration, double warmup, int watchers,
            int maxInFlight, boolean reference, String url) {
        List<String> p = new ArrayList<>();
        if (devices < 1 || devices > 100_000) {
            p.add("--devices must be 1 to 100000, got " + devices);
        }
        if (!(rate > 0) || rate > 1000) {
            p.add("--rate must be more than 0 and at most 1000 messages per device per second, got " + rate);
        }
        if (values < 1 || values > 1000) {
            p.add("--values must be 1 to 1000, got " + values);
        }
        if (!(duration > 0)) {
            p.add("--duration must be more than 0 s, got " + duration);
        }
        if (!(warmup >= 0)) {
            p.add("--warmup must not be negative, got " + warmup);
        }
        if (watchers < 0) {
            p.add("--watchers must not be negative, got " + watchers);
        }
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            p.add("--max-in-flight must be 1 to 65535, got " + maxInFlight);
        }
        if (!reference) {
            try {
                URI u = URI.create(url);
                String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!(s.equals("http") || s.equals("https")) || u.getHost() == null) {
                    p.add("--url must be http://HOST:PORT, got '" + url + "'");
                }
            } catch (IllegalArgumentException e) {
                p.add("--url must be http://HOST:PORT, got '" + url + "'");
            }
        }
        return p;
    }

    /**
     * The time of device {@code i}'s first message after the start, in nanoseconds: the devices' sends
     * are spread evenly over one period, so that N devices at R Hz offer a steady N·R messages a second.
     */
    static long phaseNanos(int i, int devices, double rateHz) {
        return (long) (i * (1e9 / rateHz) / devices);
    }

    /** The device index in a reference-mode topic {@code bench/<i>/telemetry}, or -1. */
    static int referenceIndex(String topic) {
        if (!topic.startsWith("bench/")) {
            return -1;
        }
        int end = topic.indexOf('/', 6);
        if (end < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(topic.substring(6, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Samples of a Prometheus text exposition, by name, with their labels. Pure parsing. */
    static final class Prom {
        private record Sample(Map<String, String> labels, double value) {
        }

        private final Map<String, List<Sample>> byName = new HashMap<>();

        static Prom parse(String text) {
            Prom p = new Prom();
            for (String line : text.split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                String name;
                Map<String, String> labels = new HashMap<>();
                String rest;
                if (brace >= 0 && brace < space) {
                    int close = line.lastIndexOf('}');
                    if (close < brace) {
                        continue;
                    }
                    name = line.substring(0, brace);
                    parseLabels(line.substring(brace + 1, close), labels);
                    rest = line.substring(close + 1).strip();
                } else {
                    name = line.substring(0, space);
                    rest = line.substring(space + 1).strip();
                }
                String[] parts = rest.split("\\s+");
                double v;
                try {
                    v = Double.parseDouble(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                p.byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(labels, v));
            }
            return p;
        }

        private static void parseLabels(String s, Map<String, String> into) {
            int i = 0;
            while (i < s.length()) {
                int eq = s.indexOf('=', i);
                if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
                    return;
                }
                String key = s.substring(i, eq).strip();
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (j < s.length() && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    v.append(s.charAt(j++));
                }
                into.put(key, v.toString());
                i = j + 1;
                while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                    i++;
                }
            }
        }

        boolean has(String name) {
            return byName.containsKey(name);
        }

        /** The sum of the samples of {@code name} whose labels include {@code k1, v1, k2, v2, ...}; NaN when none. */
        double sum(String name, String... labelPairs) {
            List<Sample> samples = byName.get(name);
            if (samples == null) {
                return Double.NaN;
            }
            double total = 0;
            boolean any = false;
            outer:
            for (Sample s : samples) {
                for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                    if (!labelPairs[i + 1].equals(s.labels.get(labelPairs[i]))) {
                        continue outer;
                    }
                }
                total += s.value;
                any = true;
            }
            return any ? total : Double.NaN;
        }

        /** Sums of {@code name} by the value of {@code label}, among samples whose labels include the pairs. */
        Map<String, Double> by(String name, String label, String... labelPairs) {
            Map<String, Double> out = new java.util.TreeMap<>();
            List<Sample> samples = byName.getOrDefault(name, List.of());
            outer:
            for (Sample s : samples) {
                for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                    if (!labelPairs[i + 1].equals(s.labels.get(labelPairs[i]))) {
                        continue outer;
                    }
                }
                out.merge(s.labels.getOrDefault(label, ""), s.value, Double::sum);
            }
            return out;
        }
    }

    /** {@code after - before}, or NaN when either is missing. */
    static double delta(double before, double after) {
        return Double.isNaN(before) || Double.isNaN(after) ? Double.NaN : after - before;
    }

    /** Per-key {@code after - before}, keeping only keys that changed. */
    static Map<String, Long> deltas(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long d = Math.round(v - before.getOrDefault(k, 0.0));
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
