package org.pujiang.server.twin.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Simulated devices on MQTT: one client per demo twin, signed in with the twin's device token as the username,
 * publishing {@link DemoDevice} values on the ThingsBoard topics and following what the server sends down.
 *
 * <ul>
 *   <li>publishes {@code {"ts": ms, "values": {...}}} on {@code v1/devices/me/telemetry} at QoS 1, {@code rateHz}
 *       times a second per device (devices staggered over the first period);</li>
 *   <li>subscribes {@code v1/devices/me/rpc/request/+}: {@code {"method", "params"}} runs
 *       {@link DemoDevice#call} and the answer goes to {@code v1/devices/me/rpc/response/{id}};</li>
 *   <li>subscribes {@code twins/{twinId}/update/delta}: {@code {"state": {...}, "version": n}} (or a bare object)
 *       runs {@link DemoDevice#desire};</li>
 *   <li>subscribes {@code v1/devices/me/errors}: each message there counts as a rejected publish.</li>
 * </ul>
 * After an RPC or a desired change the device reports at once, so the twin follows without waiting a period.
 * A dropped connection is retried with back-off (1 s doubling to 30 s).
 *
 * <p>Threading: everything runs on the fleet verticle's event loop; {@link #stats()} and {@link #lastProblem()}
 * may be read from any thread.
 */
public final class DemoFleet {
    public static final String TELEMETRY = "v1/devices/me/telemetry";
    public static final String RPC_REQUEST = "v1/devices/me/rpc/request/";
    public static final String RPC_RESPONSE = "v1/devices/me/rpc/response/";
    public static final String ERRORS = "v1/devices/me/errors";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MS = 30_000;

    /** A device to run: its twin, the token from {@code POST /api/twins/{id}/credentials}, its simulation. */
    public record Device(String token, DemoDevice device) {
        public Device {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(device, "device");
        }
    }

    /** Where the MQTT endpoint is and how often each device reports. */
    public record Options(String host, int port, double rateHz) {
        public Options {
            Objects.requireNonNull(host, "host");
            if (!(rateHz > 0 && rateHz <= 1000)) {
                throw new IllegalArgumentException("rate must be above 0 and at most 1000 per second, got " + rateHz);
            }
        }
    }

    /**
     * Counters since the start.
     *
     * @param sent     publishes written (telemetry and RPC answers)
     * @param acked    PUBACKs received; a permanently rejected publish is acknowledged too, and reported on the
     *                 error topic
     * @param rejected messages on {@code v1/devices/me/errors}
     * @param unacked  publishes with no PUBACK within 10 s (the server refused them for now: rate limit, overload)
     * @param dropped  publishes not written: too many in flight, or the connection was down
     */
    public record Stats(int devices, int connected, long sent, long acked, long rejected, long unacked, long dropped,
                        long rpcs, long desired, long reconnects) {
    }

    /** Why the fleet could not start; {@link #unreachable} tells a network failure from a refused token. */
    public static final class StartException extends RuntimeException {
        private final boolean unreachable;

        StartException(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong unacked = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rpcs = new AtomicLong();
    private final AtomicLong desired = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<String> lastProblem = new AtomicReference<>();
    private final List<Runner> runners = new ArrayList<>();
    private final Options options;
    private final LongSupplier clock;
    private Vertx vertx;
    private String deploymentId;
    private volatile boolean stopping;

    private DemoFleet(Options options, LongSupplier clock) {
        this.options = options;
        this.clock = clock;
    }

    /**
     * Connects every device and starts reporting. Completes once every device is connected and subscribed; fails
     * with a {@link StartException} on the first device that cannot connect (and disconnects the others).
     *
     * @param clock epoch milliseconds; the time stamp of each report and the time the simulation runs on
     */
    public static Future<DemoFleet> start(Vertx vertx, Options options, List<Device> devices, LongSupplier clock) {
        DemoFleet fleet = new DemoFleet(options, clock);
        fleet.vertx = vertx;
        for (Device d : devices) {
            fleet.runners.add(fleet.new Runner(d));
        }
        VerticleBase verticle = new VerticleBase() {
            @Override
            public Future<?> start() {
                List<Future<Void>> all = new ArrayList<>();
                long period = fleet.periodMillis();
                for (int i = 0; i < fleet.runners.size(); i++) {
                    Runner r = fleet.runners.get(i);
                    long offset = 1 + period * i / Math.max(1, fleet.runners.size());
                    all.add(r.connect().onSuccess(v -> r.startReporting(offset)));
                }
                return Future.all(all);
            }

            @Override
            public Future<?> stop() {
                return fleet.closeAll();
            }
        };
        return vertx.deployVerticle(verticle)
                .map(id -> {
                    fleet.deploymentId = id;
                    return fleet;
                })
                .recover(e -> fleet.stop().transform(ignored -> Future.failedFuture(startFailure(e))));
    }

    private static StartException startFailure(Throwable e) {
        if (e instanceof StartException s) {
            return s;
        }
        return new StartException(String.valueOf(e.getMessage()), true, e);
    }

    public Stats stats() {
        int connected = 0;
        for (Runner r : runners) {
            connected += r.connected ? 1 : 0;
        }
        return new Stats(runners.size(), connected, sent.get(), acked.get(), rejected.get(), unacked.get(),
                dropped.get(), rpcs.get(), desired.get(), reconnects.get());
    }

    /** The latest problem a device met (an error message from the server, a refused desired value), or null. */
    public String lastProblem() {
        return lastProblem.get();
    }

    /** Stops reporting and disconnects every device. */
    public Future<Void> stop() {
        stopping = true;
        if (deploymentId != null) {
            String id = deploymentId;
            deploymentId = null;
            return vertx.undeploy(id);
        }
        return closeAll();
    }

    private Future<Void> closeAll() {
        stopping = true;
        List<Future<Void>> all = new ArrayList<>();
        for (Runner r : runners) {
            all.add(r.close());
        }
        return Future.join(all).mapEmpty();
    }

    private long periodMillis() {
        return Math.max(1, Math.round(1000 / options.rateHz()));
    }

    /** One device's connection; lives on the fleet's event loop. */
    private final class Runner {
        private final Device spec;
        private final String twinId;
        private MqttClient client;
        private long timer = -1;
        private long backoff = 1000;
        private volatile boolean connected;

        Runner(Device spec) {
            this.spec = spec;
            this.twinId = spec.device().twinId();
        }

        Future<Void> connect() {
            MqttClientOptions o = new MqttClientOptions()
                    .setClientId("pujiang-sim-" + twinId)
                    .setUsername(spec.token())
                    .setCleanSession(true)
                    .setKeepAliveInterval(30)
                    .setAutoKeepAlive(true)
                    .setAckTimeout(10)
                    .setMaxInflightQueue(1000);
            o.setConnectTimeout(5000);
            client = MqttClient.create(vertx, o);
            client.publishHandler(this::onMessage)
                    .publishCompletionHandler(id -> acked.incrementAndGet())
                    .publishCompletionExpirationHandler(id -> unacked.incrementAndGet())
                    .closeHandler(v -> onClose())
                    .subscribeCompletionHandler(ack -> {
                        if (ack.grantedQoSLevels().contains(0x80)) {
                            lastProblem.set(twinId + ": the server refused a subscription (RPC, delta or errors topic)");
                        }
                    });
            Map<String, Integer> topics = new LinkedHashMap<>();
            topics.put(RPC_REQUEST + "+", 1);
            topics.put("twins/" + twinId + "/update/delta", 1);
            topics.put(ERRORS, 1);
            return client.connect(options.port(), options.host())
                    .recover(e -> Future.failedFuture(connectFailure(e)))
                    .compose(ack -> client.subscribe(topics))
                    .compose(id -> {
                        connected = true;
                        backoff = 1000;
                        return Future.<Void>succeededFuture();
                    });
        }

        private StartException connectFailure(Throwable e) {
            String where = options.host() + ":" + options.port();
            if (e instanceof MqttConnectionException refused) {
                MqttConnectReturnCode code = refused.code();
                boolean badToken = code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
                        || code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                        || code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                        || code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
                return new StartException("the MQTT endpoint at " + where + " refused device " + twinId + ": " + code
                        + (badToken ? " (its token is unknown or revoked)" : ""), !badToken, e);
            }
            String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
            return new StartException("cannot reach the MQTT endpoint at " + where + ": " + why
                    + ". Is the server running with MQTT on (serve --mqtt-port)?", true, e);
        }

        void startReporting(long offsetMillis) {
            vertx.setTimer(offsetMillis, t -> {
                report();
                timer = vertx.setPeriodic(periodMillis(), p -> report());
            });
        }

        private void report() {
            if (!connected || stopping) {
                return;
            }
            long now = clock.getAsLong();
            ObjectNode body = JSON.createObjectNode().put("ts", now);
            body.set("values", spec.device().sample(now));
            publish(TELEMETRY, body);
        }

        private void publish(String topic, JsonNode body) {
            if (!connected) {
                dropped.incrementAndGet();
                return;
            }
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + body, e);
            }
            client.publish(topic, Buffer.buffer(bytes), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onSuccess(id -> sent.incrementAndGet())
                    .onFailure(e -> {
                        dropped.incrementAndGet();
                        lastProblem.set(twinId + ": " + e.getMessage());
                    });
        }

        private void onMessage(MqttPublishMessage m) {
            String topic = m.topicName();
            JsonNode body;
            try {
                body = JSON.readTree(m.payload().getBytes());
            } catch (IOException e) {
                lastProblem.set(twinId + ": unreadable message on " + topic);
                return;
            }
            long now = clock.getAsLong();
            if (topic.startsWith(RPC_REQUEST)) {
                rpcs.incrementAndGet();
                String id = topic.substring(RPC_REQUEST.length());
                DemoDevice.Answer answer = spec.device().call(body.path("method").asText(null), body.get("params"), now);
                publish(RPC_RESPONSE + id, answer.body());
                if (answer.ok()) {
                    report();
                }
            } else if (topic.endsWith("/update/delta")) {
                desired.incrementAndGet();
                JsonNode state = body.has("state") ? body.get("state") : body;
                DemoDevice.Desired d = spec.device().desire(state, now);
                if (!d.refused().isEmpty()) {
                    lastProblem.set(twinId + ": desired values refused: " + String.join("; ", d.refused()));
                }
                if (!d.applied().isEmpty()) {
                    report();
                }
            } else if (topic.equals(ERRORS)) {
                rejected.incrementAndGet();
                lastProblem.set(twinId + ": " + body.path("code").asText("error") + ": " + body.path("message").asText(""));
            }
        }

        private void onClose() {
            boolean was = connected;
            connected = false;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (stopping || !was) {
                return;
            }
            lastProblem.set(twinId + ": connection lost; reconnecting");
            retry();
        }

        private void retry() {
            if (stopping) {
                return;
            }
            long wait = backoff;
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            vertx.setTimer(wait, t -> connect().onSuccess(v -> {
                reconnects.incrementAndGet();
                startReporting(1);
            }).onFailure(e -> {
                lastProblem.set(twinId + ": " + e.getMessage());
                retry();
            }));
        }

        Future<Void> close() {
            connected = false;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (client == null || !client.isConnected()) {
                return Future.succeededFuture();
            }
            Promise<Void> done = Promise.promise();
            client.disconnect().onComplete(ar -> done.complete());
            return done.future();
        }
    }
}
