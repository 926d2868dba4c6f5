package org.pujiang.server.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pujiang.server.twin.ingress.DeviceIngress;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.Accepted;
import org.pujiang.server.twin.ingress.IngestResult.Rejected;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to an external MQTT broker and feeds what arrives to the twins: each {@link Mapping} turns a topic
 * filter's matches into a twin id and an {@link IngestKind}. Ingested with source {@code bridge:NAME}.
 *
 * <p>All of a bridge's work runs on one Vert.x context (taken when it starts). Messages are acknowledged to the
 * broker in the order they arrived, once ingest has settled them: accepted, rejected for good, or still refused
 * after {@link #TRANSIENT_RETRIES} retries of a transient refusal. When the broker goes away the bridge connects
 * again, with exponential backoff between {@code reconnectMin} and {@code reconnectMax}, and subscribes again.
 */
public final class BrokerBridge {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a transiently refused message (rate limit, full history queue) is tried again before it is dropped. */
    static final int TRANSIENT_RETRIES = 5;
    private static final long TRANSIENT_RETRY_MS = 200;
    private static final long REJECT_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /**
     * A topic filter (with {@code +} and {@code #}) and the twin its messages belong to. In {@code twinTemplate},
     * {@code {n}} stands for what the n-th wildcard of the filter matched (counting from 1, {@code #} included);
     * the rest is literal. Example: {@code plant/+/line/+/telemetry -> {1}-{2}} maps
     * {@code plant/p7/line/3/telemetry} to twin {@code p7-3}.
     */
    public record Mapping(TopicFilter filter, String twinTemplate, IngestKind kind) {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
        private static final Pattern ARROW = Pattern.compile("^(\\S+)\\s*->\\s*(\\S+)(?:\\s+(\\S+))?$");

        public Mapping {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(twinTemplate, "twinTemplate");
            Objects.requireNonNull(kind, "kind");
            if (twinTemplate.isEmpty()) {
                throw new IllegalArgumentException("empty twin template for topic filter '" + filter + "'");
            }
            Matcher m = PLACEHOLDER.matcher(twinTemplate);
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n < 1 || n > filter.wildcards()) {
                    throw new IllegalArgumentException("twin template '" + twinTemplate + "' uses {" + n
                            + "} but topic filter '" + filter + "' has " + filter.wildcards() + " wildcard(s)");
                }
            }
            if (m.replaceAll("").contains("{") || m.replaceAll("").contains("}")) {
                throw new IllegalArgumentException("twin template '" + twinTemplate
                        + "': braces only as {n} placeholders");
            }
        }

        public static Mapping of(String filter, String twinTemplate, IngestKind kind) {
            return new Mapping(TopicFilter.of(filter), twinTemplate, kind);
        }

        /** The twin id for {@code topic}; null when the topic does not match or the id comes out empty. */
        public String twinFor(String topic) {
            List<String> captured = filter.match(topic);
            if (captured == null) {
                return null;
            }
            Matcher m = PLACEHOLDER.matcher(twinTemplate);
            StringBuilder id = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(id, Matcher.quoteReplacement(captured.get(Integer.parseInt(m.group(1)) - 1)));
            }
            m.appendTail(id);
            return id.isEmpty() ? null : id.toString();
        }

        /**
         * Parses mappings from a setting. Either a JSON array,
         * {@code [{"topic": "plant/+/telemetry", "twin": "{1}", "kind": "telemetry"}]}, or entries separated by
         * {@code ;} or new lines, each {@code FILTER -> TEMPLATE [KIND]}, e.g.
         * {@code plant/+/telemetry -> {1}; plant/+/state -> {1} shadow}. KIND is {@code telemetry} (the default),
         * {@code attributes} or {@code shadow}. Blank entries are skipped. Throws IllegalArgumentException naming
         * the bad entry.
         */
        public static List<Mapping> parseAll(String spec) {
            Objects.requireNonNull(spec, "spec");
            String text = spec.strip();
            List<Mapping> out = new ArrayList<>();
            if (text.startsWith("[")) {
                JsonNode array;
                try {
                    array = JSON.readTree(text);
                } catch (IOException e) {
                    throw new IllegalArgumentException("bridge mappings are not valid JSON: " + e.getMessage());
                }
                for (JsonNode entry : array) {
                    String topic = entry.path("topic").asText("");
                    String twin = entry.path("twin").asText("");
                    if (topic.isEmpty() || twin.isEmpty()) {
                        throw new IllegalArgumentException("bridge mapping " + entry + " needs \"topic\" and \"twin\"");
                    }
                    out.add(of(topic, twin, kind(entry.path("kind").asText("telemetry"))));
                }
                return List.copyOf(out);
            }
            for (String entry : text.split("[;\\n]")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                Matcher m = ARROW.matcher(e);
                if (!m.matches()) {
                    throw new IllegalArgumentException("bridge mapping '" + e + "' is not FILTER -> TEMPLATE [KIND]");
                }
                out.add(of(m.group(1), m.group(2), kind(m.group(3) == null ? "telemetry" : m.group(3))));
            }
            return List.copyOf(out);
        }

        private static IngestKind kind(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "telemetry" -> IngestKind.TELEMETRY;
                case "attributes" -> IngestKind.ATTRIBUTES;
                case "shadow" -> IngestKind.SHADOW;
                default -> throw new IllegalArgumentException("bridge mapping kind '" + name
                        + "' is not telemetry, attributes or shadow");
            };
        }

        @Override
        public String toString() {
            return filter + " -> " + twinTemplate + " " + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param name names the bridge in the ingest source ({@code bridge:NAME}), metrics and logs
     * @param brokerUri {@code tcp://host:port} (port defaults to 1883)
     * @param clientId MQTT client id at the broker
     * @param username null for none
     * @param password null for none
     * @param mappings tried in order; the first that matches a topic wins
     * @param cleanSession false keeps the subscription (and queued QoS 1 messages) at the broker while the bridge
     *     is away
     */
    public record Options(String name, String brokerUri, String clientId, String username, String password,
            List<Mapping> mappings, Duration reconnectMin, Duration reconnectMax, int maxMessageBytes,
            boolean cleanSession) {
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(reconnectMin, "reconnectMin");
            Objects.requireNonNull(reconnectMax, "reconnectMax");
            mappings = List.copyOf(mappings);
            if (mappings.isEmpty()) {
                throw new IllegalArgumentException("bridge " + name + " has no mappings");
            }
            address(brokerUri);
            if (reconnectMin.toMillis() < 1 || reconnectMax.compareTo(reconnectMin) < 0) {
                throw new IllegalArgumentException("bridge reconnect delays must be 0 < min <= max, got "
                        + reconnectMin + ", " + reconnectMax);
            }
            if (maxMessageBytes < 64) {
                throw new IllegalArgumentException("bridge max message bytes must be >= 64, got " + maxMessageBytes);
            }
        }

        /** No credentials, client id {@code pujiang-bridge-NAME}, reconnect 0.5 s .. 30 s, 256 KiB, persistent session. */
        public static Options of(String name, String brokerUri, List<Mapping> mappings) {
            return new Options(name, brokerUri, "pujiang-bridge-" + name, null, null, mappings,
                    Duration.ofMillis(500), Duration.ofSeconds(30), 256 * 1024, false);
        }

        public Options withCredentials(String username, String password) {
            return new Options(name, brokerUri, clientId, username, password, mappings, reconnectMin, reconnectMax,
                    maxMessageBytes, cleanSession);
        }

        public Options withReconnect(Duration min, Duration max) {
            return new Options(name, brokerUri, clientId, username, password, mappings, min, max, maxMessageBytes,
                    cleanSession);
        }

        public Options withCleanSession(boolean cleanSession) {
            return new Options(name, brokerUri, clientId, username, password, mappings, reconnectMin, reconnectMax,
                    maxMessageBytes, cleanSession);
        }

        static URI address(String brokerUri) {
            Objects.requireNonNull(brokerUri, "brokerUri");
            try {
                URI uri = new URI(brokerUri);
                if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("broker uri must be tcp://host[:port], got " + brokerUri);
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("broker uri must be tcp://host[:port], got " + brokerUri);
            }
        }
    }

    private final Vertx vertx;
    private final Options options;
    private final DeviceIngress ingress;
    private final Context context;
    private final String host;
    private final int port;
    private final String source;
    private final MeterRegistry registry;
    private final AtomicInteger connected = new AtomicInteger();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private MqttClient client;
    private int attempt;
    private boolean closed;
    private long reconnectTimer = -1;
    private long lastRejectLogNanos;
    private long suppressedRejects;

    /** One received message waiting for its turn to be acknowledged. */
    private static final class Slot {
        final MqttPublishMessage message;
        final MqttClient client;
        boolean settled;

        Slot(MqttPublishMessage message, MqttClient client) {
            this.message = message;
            this.client = client;
        }
    }

    private BrokerBridge(Vertx vertx, Options options, DeviceIngress ingress, MeterRegistry registry) {
        this.vertx = vertx;
        this.options = options;
        this.ingress = ingress;
        this.registry = registry;
        this.context = vertx.getOrCreateContext();
        URI uri = Options.address(options.brokerUri());
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 1883 : uri.getPort();
        this.source = "bridge:" + options.name();
        Gauge.builder("pujiang.mqtt.bridge.connected", connected, AtomicInteger::get).tag("bridge", options.name())
                .description("1 while the bridge is connected to its broker").register(registry);
    }

    /**
     * Starts the bridge and returns at once: it connects in the background and keeps trying (with backoff) while
     * the broker is unreachable, so a missing broker never stops the server from starting.
     */
    public static BrokerBridge start(Vertx vertx, Options options, DeviceIngress ingress, MeterRegistry metrics) {
        BrokerBridge bridge = new BrokerBridge(vertx, options, ingress, metrics);
        bridge.context.runOnContext(v -> bridge.connect());
        return bridge;
    }

    /** Whether the bridge is connected and subscribed now. */
    public boolean isConnected() {
        return connected.get() == 1;
    }

    public String name() {
        return options.name();
    }

    /** Disconnects and stops reconnecting. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            if (reconnectTimer >= 0) {
                vertx.cancelTimer(reconnectTimer);
            }
            MqttClient c = client;
            client = null;
            connected.set(0);
            if (c != null && c.isConnected()) {
                c.disconnect().onComplete(ar -> done.complete());
            } else {
                done.complete();
            }
        });
        return done.future();
    }

    private void connect() {
        if (closed) {
            return;
        }
        reconnectTimer = -1;
        MqttClientOptions o = new MqttClientOptions().setClientId(options.clientId())
                .setCleanSession(options.cleanSession()).setAutoKeepAlive(true).setKeepAliveInterval(30)
                .setMaxMessageSize(options.maxMessageBytes());
        o.setAutoAck(false);
        o.setConnectTimeout((int) Math.min(10_000, options.reconnectMax().toMillis() + 1000));
        if (options.username() != null) {
            o.setUsername(options.username());
        }
        if (options.password() != null) {
            o.setPassword(options.password());
        }
        MqttClient c = MqttClient.create(vertx, o);
        client = c;
        c.publishHandler(m -> onMessage(c, m));
        c.closeHandler(v -> lost(c, "connection closed"));
        c.exceptionHandler(t -> {
            if (t instanceof DecoderException) {
                // Netty's decoder discards everything after a bad or oversized packet: start afresh
                LOG.warn("bridge {}: unreadable packet from {}:{} ({}); reconnecting", options.name(), host, port,
                        t.getMessage());
                count("pujiang.mqtt.bridge.bad.packets", "kind",
                        t instanceof TooLongFrameException ? "oversized" : "malformed");
                c.disconnect();
            } else {
                LOG.debug("bridge {}: {}", options.name(), t.toString());
            }
        });
        c.connect(port, host).onComplete(ar -> {
            if (ar.failed() || ar.result().code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                count("pujiang.mqtt.bridge.connects", "result", "failed");
                String why = ar.failed() ? String.valueOf(ar.cause()) : String.valueOf(ar.result().code());
                lost(c, why);
                return;
            }
            Map<String, Integer> topics = new LinkedHashMap<>();
            for (Mapping m : options.mappings()) {
                topics.put(m.filter().filter(), 1);
            }
            c.subscribe(topics).onComplete(s -> {
                if (s.failed()) {
                    lost(c, "subscribe failed: " + s.cause());
                    c.disconnect();
                    return;
                }
                if (client != c) {
                    return;
                }
                count("pujiang.mqtt.bridge.connects", "result", "ok");
                attempt = 0;
                connected.set(1);
                LOG.info("bridge {}: connected to {}:{}, subscribed to {}", options.name(), host, port,
                        topics.keySet());
            });
        });
    }

    /** The connection {@code c} is gone or never came up: try again later (once per connection). */
    private void lost(MqttClient c, String why) {
        if (client != c || closed) {
            return;
        }
        client = null;
        if (connected.getAndSet(0) == 1) {
            LOG.warn("bridge {}: lost {}:{} ({}); reconnecting", options.name(), host, port, why);
        } else if (attempt == 0) {
            LOG.warn("bridge {}: cannot connect to {}:{} ({}); retrying", options.name(), host, port, why);
        }
        // Slots of the old connection can no longer be acknowledged; the broker redelivers them.
        slots.clear();
        long min = options.reconnectMin().toMillis();
        long delay = Math.min(options.reconnectMax().toMillis(), min << Math.min(attempt, 20));
        delay = Math.max(1, (long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
        attempt++;
        reconnectTimer = vertx.setTimer(delay, t -> context.runOnContext(v -> connect()));
    }

    private void onMessage(MqttClient c, MqttPublishMessage message) {
        Slot slot = new Slot(message, c);
        slots.addLast(slot);
        String topic = message.topicName();
        for (Mapping m : options.mappings()) {
            String twin = m.twinFor(topic);
            if (twin != null) {
                ingest(slot, new IngestRequest(twin, m.kind(), message.payload().getBytes(), source), 0);
                return;
            }
        }
        messages("unmapped", "none");
        settle(slot);
    }

    private void ingest(Slot slot, IngestRequest request, int tries) {
        CompletionStage<IngestResult> stage;
        try {
            stage = ingress.ingest(request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.completedFuture(new Rejected(RejectReason.OVERLOADED, String.valueOf(e), ""));
        }
        stage.whenComplete((r, t) -> context.runOnContext(v -> {
            IngestResult result = t == null && r != null ? r
                    : new Rejected(RejectReason.OVERLOADED, "ingest failed: " + t, "");
            switch (result) {
                case Accepted a -> {
                    messages("accepted", "none");
                    settle(slot);
                }
                case Rejected j when j.reason().isTransient() && tries < TRANSIENT_RETRIES && !closed -> vertx
                        .setTimer(TRANSIENT_RETRY_MS << tries, id -> context.runOnContext(
                                x -> ingest(slot, request, tries + 1)));
                case Rejected j -> {
                    messages("rejected", j.reason().name().toLowerCase(Locale.ROOT));
                    logReject(request, j);
                    settle(slot);
                }
            }
        }));
    }

    /** Acknowledges every settled message at the head of the queue, in arrival order (MQTT 3.1.1 §4.6). */
    private void settle(Slot slot) {
        slot.settled = true;
        while (!slots.isEmpty() && slots.peekFirst().settled) {
            Slot s = slots.pollFirst();
            if (s.client == client && s.client != null && s.client.isConnected()) {
                s.message.ack();
            }
        }
    }

    private void logReject(IngestRequest request, Rejected r) {
        long now = System.nanoTime();
        if (lastRejectLogNanos != 0 && now - lastRejectLogNanos < REJECT_LOG_INTERVAL_NANOS) {
            suppressedRejects++;
            return;
        }
        LOG.warn("bridge {}: twin {} refused a message: {} {} at '{}'{}", options.name(), request.twinId(),
                r.reason().code(), r.message(), r.pointer(),
                suppressedRejects == 0 ? "" : " (" + suppressedRejects + " more refusals not logged)");
        lastRejectLogNanos = now;
        suppressedRejects = 0;
    }

    private void messages(String result, String reason) {
        counters.computeIfAbsent(result + ":" + reason, k -> Counter.builder("pujiang.mqtt.bridge.messages")
                .description("messages from the external broker, by outcome").tag("bridge", options.name())
                .tag("result", result).tag("reason", reason).register(registry)).increment();
    }

    private void count(String name, String tag, String value) {
        counters.computeIfAbsent(name + ":" + value, k -> Counter.builder(name).tag("bridge", options.name())
                .tag(tag, value).register(registry)).increment();
    }
}
