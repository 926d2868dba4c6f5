package org.pujiang.twin.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads device payloads into {@link Sample}s. Three shapes, as devices send them:
 * <ul>
 *   <li>ThingsBoard telemetry: {@code {"p": v}}, {@code {"ts": 1700000000000, "values": {"p": v}}}, or a JSON
 *       array of those (at most {@link #MAX_SAMPLES});
 *   <li>ThingsBoard client attributes: {@code {"p": v}};
 *   <li>shadow updates: {@code {"state": {"reported": {"p": v}}, "clientToken": "…", "timestamp": ms?}}.
 * </ul>
 * Strict JSON: duplicated keys, NaN and trailing garbage are refused. Never throws on bad input.
 */
public final class Payloads {
    /** The most samples one telemetry payload may carry. */
    public static final int MAX_SAMPLES = 1000;
    /** Deepest nesting accepted: values are small documents, not trees. */
    private static final int MAX_DEPTH = 32;

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    /** What a payload read as: samples in payload order, or why it could not be read. */
    public sealed interface Read {
        record Ok(List<Sample> samples, String clientToken) implements Read {}

        record Malformed(String message, String pointer) implements Read {}
    }

    private Payloads() {
    }

    /** The shared strict mapper, for callers that need to parse or write JSON the same way. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static Read telemetry(byte[] payload) {
        JsonNode root;
        try {
            root = parse(payload);
        } catch (IOException e) {
            return malformed(e);
        }
        List<Sample> samples = new ArrayList<>(1);
        if (root.isArray()) {
            if (root.isEmpty() || root.size() > MAX_SAMPLES) {
                return new Read.Malformed("a telemetry array holds 1 to " + MAX_SAMPLES + " entries, got "
                        + root.size(), "");
            }
            for (int i = 0; i < root.size(); i++) {
                Read bad = addTelemetry(root.get(i), "/" + i, samples);
                if (bad != null) {
                    return bad;
                }
            }
        } else {
            Read bad = addTelemetry(root, "", samples);
            if (bad != null) {
                return bad;
            }
        }
        return new Read.Ok(samples, null);
    }

    public static Read attributes(byte[] payload) {
        JsonNode root;
        try {
            root = parse(payload);
        } catch (IOException e) {
            return malformed(e);
        }
        if (!(root instanceof ObjectNode values) || values.isEmpty()) {
            return new Read.Malformed("attributes are a non-empty JSON object of property names to values", "");
        }
        return new Read.Ok(List.of(new Sample(Sample.NO_TIME, values, "")), null);
    }

    public static Read shadow(byte[] payload) {
        JsonNode root;
        try {
            root = parse(payload);
        } catch (IOException e) {
            return malformed(e);
        }
        if (!root.isObject()) {
            return new Read.Malformed("a shadow update is a JSON object {\"state\": {\"reported\": {...}}}", "");
        }
        JsonNode token = root.get("clientToken");
        if (token != null && (!token.isTextual() || token.textValue().length() > 64)) {
            return new Read.Malformed("clientToken must be a string of at most 64 characters", "/clientToken");
        }
        JsonNode state = root.get("state");
        if (state == null || !state.isObject()) {
            return new Read.Malformed("a shadow update needs a \"state\" object", "/state");
        }
        JsonNode reported = state.get("reported");
        if (!(reported instanceof ObjectNode values) || values.isEmpty()) {
            return new Read.Malformed("state.reported must be a non-empty object of property names to values",
                    "/state/reported");
        }
        for (var it = state.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("reported")) {
                return new Read.Malformed("a device reports state.reported only; " + f + " is not its to set",
                        "/state/" + f);
            }
        }
        long ts = Sample.NO_TIME;
        JsonNode t = root.get("timestamp");
        if (t != null) {
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0) {
                return new Read.Malformed("timestamp must be epoch milliseconds", "/timestamp");
            }
            ts = t.longValue();
        }
        return new Read.Ok(List.of(new Sample(ts, values, "/state/reported")), token == null ? null : token.textValue());
    }

    private static Read addTelemetry(JsonNode node, String pointer, List<Sample> out) {
        if (!(node instanceof ObjectNode obj) || obj.isEmpty()) {
            return new Read.Malformed("telemetry is a non-empty JSON object {\"p\": v} or {\"ts\": ms, \"values\": {...}}",
                    pointer);
        }
        JsonNode ts = obj.get("ts");
        JsonNode values = obj.get("values");
        if (ts != null && values != null && obj.size() == 2) {
            if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
                return new Read.Malformed("ts must be epoch milliseconds, got " + brief(ts), pointer + "/ts");
            }
            if (!(values instanceof ObjectNode v) || v.isEmpty()) {
                return new Read.Malformed("values must be a non-empty object of property names to values",
                        pointer + "/values");
            }
            out.add(new Sample(ts.longValue(), v, pointer + "/values"));
            return null;
        }
        out.add(new Sample(Sample.NO_TIME, obj, pointer));
        return null;
    }

    private static JsonNode parse(byte[] payload) throws IOException {
        if (payload.length == 0) {
            throw new EmptyPayload();
        }
        JsonNode root = MAPPER.readTree(payload);
        if (root == null || root.isMissingNode()) {
            throw new EmptyPayload();
        }
        return root;
    }

    private static Read malformed(IOException e) {
        if (e instanceof EmptyPayload) {
            return new Read.Malformed("empty payload", "");
        }
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (detail != null && detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        return new Read.Malformed("not JSON: " + detail, "");
    }

    static String brief(JsonNode value) {
        String s = value.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static final class EmptyPayload extends IOException {
        EmptyPayload() {
            super("empty payload", null);
        }
    }
}
