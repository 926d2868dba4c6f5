package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pujiang.server.storage.TwinRepository.StateSave;
import org.pujiang.server.storage.history.HistoryWriter;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.pujiang.server.storage.history.TelemetryValue;
import org.pujiang.server.twin.ingress.DeviceIngress.DeviceLink;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.state.Ingestor;
import org.pujiang.twin.state.Ingestor.Outcome;
import org.pujiang.twin.state.Sample;
import org.pujiang.twin.state.TwinState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns the live state of a share of the twins (a twin belongs to partition
 * {@code hash(id) mod n}). Work arrives as tasks on its queue; after each batch of tasks the partition sends
 * one update per changed twin to the spaces, so a burst of values costs one message per twin, not one per value.
 * Once a second it hands changed states to be saved and times out unanswered device requests.
 */
final class TwinPartition {
    private static final Logger log = LoggerFactory.getLogger(TwinPartition.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DRAIN_MAX = 4096;
    private static final long HOUSEKEEPING_MS = 200;
    private static final long SAVE_MS = 1000;

    /** Where a partition's results go. Called on the partition thread: none may block. */
    interface Outputs {
        HistoryWriter.Offer history(List<TelemetryPoint> points);

        /** Whether any space shows this twin: only then are its changes put into messages. */
        boolean bound(String twinId);

        /** The changed part of a bound twin's state, to go to the spaces that show it. */
        void changed(String twinId, ObjectNode update);

        /** States to save; the receiver saves them on another thread. */
        void save(List<StateSave> states);

        /** Values accepted for a twin, for rules: numbers (booleans as 1/0) only. */
        void accepted(TwinState twin, List<Ingestor.Accepted> values);

        /** Called every housekeeping round (rules check silent devices here). */
        void tick(long nowMs);

        void loaded(TwinState twin);

        void removed(String twinId);
    }

    /** A twin this partition owns. */
    static final class Live {
        final TwinState state;
        final TokenBucket bucket;
        DeviceLink link;
        Object linkOwner;
        /** The arrival time last given to values sent without a timestamp. */
        long lastArrivalMs = Long.MIN_VALUE;

        Live(TwinState state, TokenBucket bucket) {
            this.state = state;
            this.bucket = bucket;
        }
    }

    private record PendingRpc(String twinId, CompletableFuture<JsonNode> answer, long deadlineMs) {}

    private final int index;
    private final Clock clock;
    private final Ingestor ingestor;
    private final Outputs outputs;
    private final TwinSettings settings;
    private final LinkedBlockingQueue<Consumer<TwinPartition>> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Live> twins = new HashMap<>();
    private final Set<String> unsaved = new LinkedHashSet<>();
    private final Map<String, ObjectNode> unsent = new LinkedHashMap<>();
    private final Map<Long, PendingRpc> rpcs = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextRpcId;
    private long nextHousekeeping;
    private long nextSave;

    TwinPartition(int index, Clock clock, TwinSettings settings, Outputs outputs) {
        this.index = index;
        this.clock = clock;
        this.settings = settings;
        this.ingestor = new Ingestor(settings.clockPolicy());
        this.outputs = outputs;
        // Request ids are unique across partitions: the partition index in the top bits.
        this.nextRpcId = ((long) index << 40) + 1;
        this.thread = Thread.ofPlatform().name("pujiang-twins-" + index).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Runs {@code task} on the partition thread. */
    void submit(Consumer<TwinPartition> task) {
        inbox.add(task);
    }

    /** Stops after the queued tasks are done, saving what changed. */
    void stop(long waitMs) {
        submit(p -> p.running = false);
        try {
            thread.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Consumer<TwinPartition>> batch = new ArrayList<>();
        while (running) {
            try {
                Consumer<TwinPartition> first = inbox.poll(HOUSEKEEPING_MS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, DRAIN_MAX);
                    for (Consumer<TwinPartition> task : batch) {
                        try {
                            task.accept(this);
                        } catch (RuntimeException e) {
                            log.error("twin partition {} task failed", index, e);
                        }
                    }
                    batch.clear();
                    publish();
                }
                long now = clock.millis();
                if (now >= nextHousekeeping) {
                    nextHousekeeping = now + HOUSEKEEPING_MS;
                    housekeeping(now);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.error("twin partition {} failed a round", index, e);
            }
        }
        saveUnsaved();
    }

    // ---------------------------------------------------------------- twins

    void load(String id, CompiledModel model, JsonNode savedState) {
        TwinState state = TwinState.restore(id, model, savedState);
        twins.put(id, new Live(state, new TokenBucket(settings.deviceRate(), settings.deviceBurst(), clock.millis())));
        outputs.loaded(state);
    }

    void unload(String id) {
        Live live = twins.remove(id);
        unsaved.remove(id);
        unsent.remove(id);
        if (live != null) {
            failRpcs(id, "the twin was deleted");
            outputs.removed(id);
        }
    }

    Live live(String id) {
        return twins.get(id);
    }

    // ---------------------------------------------------------------- ingestion

    IngestResult report(String twinId, List<Sample> samples, String source, IngestKind kind, String clientToken) {
        boolean allHistory = kind == IngestKind.TELEMETRY;
        Live live = twins.get(twinId);
        if (live == null) {
            return new IngestResult.Rejected(RejectReason.UNKNOWN_TWIN, "no twin " + brief(twinId), "");
        }
        // Values without a device timestamp get the arrival time, kept strictly increasing per twin: history
        // keeps one value per (twin, property, millisecond), and a burst drained within one millisecond must not
        // collapse into one point.
        long now = Math.max(clock.millis(), live.lastArrivalMs + 1);
        if (!live.bucket.take(now)) {
            return new IngestResult.Rejected(RejectReason.RATE_LIMITED, "twin " + brief(twinId) + " sends more than "
                    + settings.deviceRate() + " messages/s; slow down and send again", "");
        }
        Outcome.Refused refused = ingestor.check(live.state, samples, now);
        if (refused == null) {
            live.lastArrivalMs = now;
        }
        if (refused != null) {
            return new IngestResult.Rejected(
                    refused.reason() == Ingestor.Refusal.CLOCK_SKEW ? RejectReason.CLOCK_SKEW : RejectReason.INVALID,
                    refused.message(), refused.pointer());
        }
        // History first, all of it or none: an accepted payload keeps all of its history, a refused one changes
        // nothing.
        List<TelemetryPoint> points = new ArrayList<>();
        for (Sample s : samples) {
            long ts = s.hasTime() ? s.tsMs() : now;
            for (Map.Entry<String, JsonNode> e : s.values().properties()) {
                if (allHistory || Ingestor.keepsHistory(live.state, e.getKey())) {
                    TelemetryValue tv = historyValue(e.getValue());
                    if (tv != null) {
                        points.add(new TelemetryPoint(twinId, e.getKey(), Instant.ofEpochMilli(ts), tv));
                    }
                }
            }
        }
        if (!points.isEmpty() && !outputs.history(points).accepted()) {
            return overloaded();
        }
        return applied(live, ingestor.apply(live.state, samples, now, source, allHistory), source,
                kind == IngestKind.SHADOW, clientToken);
    }

    private IngestResult applied(Live live, Outcome.Applied a, String source, boolean shadowKind, String clientToken) {
        String id = live.state.id();
        unsaved.add(id);
        if (outputs.bound(id)) {
            ObjectNode u = unsent.computeIfAbsent(id, k -> NODES.objectNode());
            u.put("version", a.version());
            ObjectNode reported = u.withObjectProperty("reported");
            ObjectNode metadata = u.withObjectProperty("metadata");
            for (Ingestor.Accepted v : a.values()) {
                if (v.latest()) {
                    reported.set(v.property(), v.value());
                    ObjectNode m = metadata.putObject(v.property());
                    m.put("ts", v.tsMs());
                    m.put("source", source);
                }
            }
        }
        outputs.accepted(live.state, a.values());
        // Deltas go down when desired state changes and when the device connects, not after every report.
        ObjectNode shadow = shadowKind ? shadowAccepted(a, clientToken) : null;
        return new IngestResult.Accepted(a.values().size(), a.version(), shadow);
    }

    private ObjectNode shadowAccepted(Outcome.Applied a, String clientToken) {
        ObjectNode root = NODES.objectNode();
        ObjectNode reported = root.putObject("state").putObject("reported");
        ObjectNode metadata = root.putObject("metadata").putObject("reported");
        for (Ingestor.Accepted v : a.values()) {
            reported.set(v.property(), v.value());
            metadata.putObject(v.property()).put("timestamp", v.tsMs());
        }
        root.put("version", a.version());
        root.put("timestamp", clock.millis());
        if (clientToken != null) {
            root.put("clientToken", clientToken);
        }
        return root;
    }

    /** Numbers and booleans as numbers, strings as text; objects and arrays as their JSON text when short. */
    static TelemetryValue historyValue(JsonNode v) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            return Double.isFinite(d) ? TelemetryValue.of(d) : null;
        }
        if (v.isBoolean()) {
            return TelemetryValue.of(v.booleanValue());
        }
        String text = v.isTextual() ? v.textValue() : v.toString();
        return text.length() <= TelemetryValue.MAX_TEXT_LENGTH ? TelemetryValue.of(text) : null;
    }

    private static IngestResult overloaded() {
        return new IngestResult.Rejected(RejectReason.OVERLOADED,
                "history cannot keep up just now; keep the values and send them again shortly", "");
    }

    // ---------------------------------------------------------------- desired state and commands

    Ingestor.DesiredOutcome desire(String twinId, ObjectNode values, String source) {
        Live live = twins.get(twinId);
        if (live == null) {
            return null;
        }
        Ingestor.DesiredOutcome out = ingestor.desire(live.state, values, clock.millis(), source);
        if (out instanceof Ingestor.DesiredOutcome.Set set) {
            unsaved.add(twinId);
            if (outputs.bound(twinId)) {
                ObjectNode u = unsent.computeIfAbsent(twinId, k -> NODES.objectNode());
                u.put("version", set.version());
                ObjectNode desired = u.withObjectProperty("desired");
                values.properties().forEach(e -> desired.set(e.getKey(), e.getValue()));
            }
            if (live.link != null && !set.delta().isEmpty()) {
                live.link.desiredDelta(set.delta(), set.version());
            }
        }
        return out;
    }

    /** Sends an RPC to the device; the future fails with {@link CommandFailure} when it cannot be done. */
    void invoke(String twinId, String method, JsonNode params, CompletableFuture<JsonNode> answer) {
        Live live = twins.get(twinId);
        if (live == null) {
            answer.completeExceptionally(new CommandFailure("twin:not-found", "no twin " + brief(twinId)));
            return;
        }
        if (live.link == null) {
            answer.completeExceptionally(new CommandFailure("twin:device-offline",
                    "the device of twin " + brief(twinId) + " is not connected"));
            return;
        }
        long id = nextRpcId++;
        rpcs.put(id, new PendingRpc(twinId, answer, clock.millis() + settings.commandTimeout().toMillis()));
        live.link.rpcRequest(id, method, params);
    }

    void rpcAnswered(String twinId, long requestId, JsonNode payload) {
        PendingRpc p = rpcs.get(requestId);
        if (p != null && p.twinId().equals(twinId)) {
            rpcs.remove(requestId);
            p.answer().complete(payload);
        }
    }

    /** @return what to call to detach, which is a no-op once a later device took over */
    void attach(String twinId, DeviceLink link, Object owner) {
        Live live = twins.get(twinId);
        if (live == null) {
            return;
        }
        live.link = link;
        live.linkOwner = owner;
        ObjectNode delta = live.state.delta();
        if (!delta.isEmpty()) {
            link.desiredDelta(delta, live.state.version());
        }
    }

    void detach(String twinId, Object owner) {
        Live live = twins.get(twinId);
        if (live != null && live.linkOwner == owner) {
            live.link = null;
            live.linkOwner = null;
        }
    }

    private void failRpcs(String twinId, String why) {
        for (Iterator<PendingRpc> it = rpcs.values().iterator(); it.hasNext(); ) {
            PendingRpc p = it.next();
            if (p.twinId().equals(twinId)) {
                it.remove();
                p.answer().completeExceptionally(new CommandFailure("twin:device-offline", why));
            }
        }
    }

    // ---------------------------------------------------------------- housekeeping

    private void publish() {
        if (unsent.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ObjectNode> e : unsent.entrySet()) {
            outputs.changed(e.getKey(), e.getValue());
        }
        unsent.clear();
    }

    private void housekeeping(long now) {
        for (Iterator<PendingRpc> it = rpcs.values().iterator(); it.hasNext(); ) {
            PendingRpc p = it.next();
            if (now >= p.deadlineMs()) {
                it.remove();
                p.answer().completeExceptionally(new CommandFailure("twin:timeout", "the device did not answer within "
                        + settings.commandTimeout().toSeconds() + " s"));
            }
        }
        outputs.tick(now);
        if (now >= nextSave) {
            nextSave = now + SAVE_MS;
            saveUnsaved();
        }
    }

    private void saveUnsaved() {
        if (unsaved.isEmpty()) {
            return;
        }
        List<StateSave> saves = new ArrayList<>(unsaved.size());
        for (String id : unsaved) {
            Live live = twins.get(id);
            if (live != null) {
                saves.add(new StateSave(id, live.state.toJson().toString(), live.state.version()));
            }
        }
        unsaved.clear();
        outputs.save(saves);
    }

    static String brief(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** A command that could not be carried out, with the code shown to the user. */
    static final class CommandFailure extends RuntimeException {
        final String code;

        CommandFailure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Per-device message budget: {@code rate} per second, up to {@code burst} at once. */
    static final class TokenBucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long lastMs;

        TokenBucket(double rate, double burst, long nowMs) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.lastMs = nowMs;
        }

        boolean take(long nowMs) {
            if (nowMs > lastMs) {
                tokens = Math.min(burst, tokens + (nowMs - lastMs) * rate / 1000.0);
                lastMs = nowMs;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
