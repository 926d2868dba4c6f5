package org.pujiang.twin.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pujiang.twin.model.CompiledModel;

/**
 * One twin's live state: the latest reported and desired value of each property, each with its metadata, a
 * version that grows with every change, and when the device was last heard from. Mutable; owned by one thread.
 */
public final class TwinState {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private CompiledModel model;
    private final Map<String, PropertyValue> reported = new LinkedHashMap<>();
    private final Map<String, PropertyValue> desired = new LinkedHashMap<>();
    private long version;
    private long lastSeenMs = -1;

    public TwinState(String id, CompiledModel model) {
        this.id = Objects.requireNonNull(id, "id");
        this.model = Objects.requireNonNull(model, "model");
    }

    public String id() {
        return id;
    }

    public CompiledModel model() {
        return model;
    }

    public String modelId() {
        return model.model().id();
    }

    public Map<String, PropertyValue> reported() {
        return Collections.unmodifiableMap(reported);
    }

    public Map<String, PropertyValue> desired() {
        return Collections.unmodifiableMap(desired);
    }

    public long version() {
        return version;
    }

    /** When the device last sent an accepted payload (receive time), or -1 if never. */
    public long lastSeenMs() {
        return lastSeenMs;
    }

    void putReported(String property, PropertyValue value) {
        reported.put(property, value);
    }

    void putDesired(String property, PropertyValue value) {
        desired.put(property, value);
    }

    void seen(long nowMs) {
        lastSeenMs = Math.max(lastSeenMs, nowMs);
    }

    long bump() {
        return ++version;
    }

    /** The desired properties whose value differs from the reported one: what the device still has to do. */
    public ObjectNode delta() {
        ObjectNode out = NODES.objectNode();
        desired.forEach((name, want) -> {
            PropertyValue have = reported.get(name);
            if (have == null || !sameValue(have.value(), want.value())) {
                out.set(name, want.value());
            }
        });
        return out;
    }

    /** Numbers compare by value, so a reported 20 meets a desired 20.0. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * The whole state as JSON: {@code {version, lastSeen, reported: {p: v}, desired: {p: v}, metadata: {p: {ts,
     * source}}, desiredMetadata: {p: {ts, source}}}}. Also the persisted form ({@link #restore}).
     */
    public ObjectNode toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("version", version);
        if (lastSeenMs >= 0) {
            root.put("lastSeen", lastSeenMs);
        }
        root.set("reported", values(reported));
        root.set("desired", values(desired));
        root.set("metadata", metadata(reported));
        root.set("desiredMetadata", metadata(desired));
        return root;
    }

    private static ObjectNode values(Map<String, PropertyValue> map) {
        ObjectNode out = NODES.objectNode();
        map.forEach((k, v) -> out.set(k, v.value()));
        return out;
    }

    private static ObjectNode metadata(Map<String, PropertyValue> map) {
        ObjectNode out = NODES.objectNode();
        map.forEach((k, v) -> out.set(k, metadataOf(v)));
        return out;
    }

    static ObjectNode metadataOf(PropertyValue v) {
        ObjectNode m = NODES.objectNode();
        m.put("ts", v.tsMs());
        m.put("source", v.source());
        return m;
    }

    /**
     * A state read back from {@link #toJson}. Properties the model no longer has, or whose value no longer
     * fits it (the model was replaced), are left out rather than failing the load.
     */
    public static TwinState restore(String id, CompiledModel model, JsonNode json) {
        TwinState s = new TwinState(id, model);
        if (json == null || !json.isObject()) {
            return s;
        }
        s.version = json.path("version").asLong(0);
        s.lastSeenMs = json.path("lastSeen").asLong(-1);
        restoreInto(s.reported, model, json.path("reported"), json.path("metadata"));
        restoreInto(s.desired, model, json.path("desired"), json.path("desiredMetadata"));
        return s;
    }

    private static void restoreInto(Map<String, PropertyValue> into, CompiledModel model, JsonNode values,
            JsonNode metadata) {
        values.properties().forEach(e -> {
            if (model.validateProperty(e.getKey(), e.getValue()).isOk()) {
                JsonNode m = metadata.path(e.getKey());
                into.put(e.getKey(), new PropertyValue(e.getValue(), m.path("ts").asLong(0),
                        m.path("source").asText("restored")));
            }
        });
    }
}
