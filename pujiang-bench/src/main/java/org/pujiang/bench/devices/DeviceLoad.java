package org.pujiang.bench.devices;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.pujiang.bench.crowd.CrowdLoad;
import org.pujiang.protocol.Frames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pujiang-bench devices}: N MQTT devices, one connection and one device token each, send QoS 1
 * telemetry to Pujiang at a fixed rate. Reports the values accepted per second (PUBACKed; the server
 * acknowledges only after validation, state and the history queue), refusals, ingest-to-space latency
 * seen by a bot in a space that watches bound twins, and the server's own ingest and history counters
 * from /metrics, waiting at the end for the history queue to drain. With {@code --reference} the same
 * devices publish to a plain MQTT broker and one subscriber times delivery: the yardstick.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Device ingest load over MQTT: accepted values/s with history, ingest-to-space latency, "
                + "refusals (issue #5, docs/benchmarks.md). --reference: the same load through a plain broker.")
public final class DeviceLoad implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Pujiang's HTTP address, for REST setup, /metrics and /ws (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt", required = true, paramLabel = "tcp://HOST:PORT",
            description = "The MQTT endpoint: Pujiang's, or a plain broker's with --reference.")
    String mqtt;

    @Option(names = "--devices", defaultValue = "100", paramLabel = "N", description = "Devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--rate", defaultValue = "1", paramLabel = "HZ",
            description = "Messages per device per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--values", defaultValue = "5", paramLabel = "K",
            description = "Numeric values per message, besides sentAt (default: ${DEFAULT-VALUE}).")
    int values;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "S", converter = CrowdLoad.Seconds.class,
            description = "Measured time: seconds or 30s/2m (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "S", converter = CrowdLoad.Seconds.class,
            description = "Publishing before the measurement starts (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--watchers", defaultValue = "10", paramLabel = "N",
            description = "Twins bound in the bench space and timed by its bot (default: ${DEFAULT-VALUE}).")
    int watchers;

    @Option(names = "--max-in-flight", defaultValue = "16", paramLabel = "N",
            description = "Messages per device awaiting PUBACK before sends are skipped (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--username", defaultValue = "admin", description = "Account for the setup (default: ${DEFAULT-VALUE}).")
    String username;

    @Option(names = "--password", description = "Its password (default: env PUJIANG_ADMIN_PASSWORD).")
    String password;

    @Option(names = "--prefix", defaultValue = "bench-dev", description = "Twin ids are PREFIX-<i> (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = {"--reference", "--mosquitto"},
            description = "Publish to bench/<i>/telemetry on a plain broker at --mqtt; one subscriber on bench/# "
                    + "times delivery. No REST setup, no Pujiang.")
    boolean reference;

    @Option(names = "--reference-qos", defaultValue = "0", paramLabel = "Q",
            description = "QoS of the reference subscriber's subscription (default: ${DEFAULT-VALUE}).")
    int referenceQos;

    @Option(names = "--drain", defaultValue = "30", paramLabel = "S", converter = CrowdLoad.Seconds.class,
            description = "Longest wait at the end for the server's history queue to empty (default: ${DEFAULT-VALUE}).")
    double drain;

    @Option(names = "--loops", paramLabel = "N", description = "Event loops for the devices (default: min(4, cores)).")
    Integer loops;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
    boolean json;

    static final int ACK_TIMEOUT_S = 10;
    /** Vert.x's MQTT client logs every connect at INFO through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger MQTT_LOG = java.util.logging.Logger.getLogger("io.vertx.mqtt");
    static final int SETUP_CONCURRENCY = 32;

    private HttpClientAgent http;
    private String host;
    private int port;
    private boolean ssl;
    private String session;

    @Override
    public Integer call() throws Exception {
        List<String> problems = DeviceParts.problems(devices, rate, values, duration, warmup, watchers, maxInFlight,
                reference, url);
        URI mqttUri;
        try {
            mqttUri = DeviceParts.mqttAddress(mqtt);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            mqttUri = null;
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        if (!reference && password == null) {
            password = System.getenv("PUJIANG_ADMIN_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give --password or set PUJIANG_ADMIN_PASSWORD");
            }
        }
        MQTT_LOG.setLevel(java.util.logging.Level.WARNING);
        int nWatch = reference ? 0 : Math.min(watchers, devices);
        URI base = URI.create(url);
        ssl = "https".equalsIgnoreCase(base.getScheme());
        host = base.getHost();
        port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        int nLoops = loops != null ? loops : Math.min(4, Runtime.getRuntime().availableProcessors());

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(nLoops).setWorkerPoolSize(1));
        try {
            http = vertx.httpClientBuilder()
                    .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000).setSsl(ssl))
                    .with(new PoolOptions().setHttp1MaxSize(SETUP_CONCURRENCY))
                    .build();
            DeviceRun run = new DeviceRun(mqttUri.getHost(), mqttUri.getPort(), devices, rate, values, maxInFlight,
                    ACK_TIMEOUT_S, reference, prefix);
            List<Context> contexts = contexts(vertx, nLoops);

            // Setup: model, twins, tokens, a space with bindings (Pujiang only).
            String[] tokens = new String[devices];
            UUID space = null;
            if (!reference) {
                long t = System.nanoTime();
                try {
                    setup(tokens);
                    space = space(nWatch);
                } catch (Exception e) {
                    log("devices: the setup over REST failed: " + e.getMessage());
                    return 1;
                }
                log(String.format(Locale.ROOT, "devices: %d twins of %s ready, space %s with %d bindings, in %.1f s",
                        devices, DeviceParts.modelId(values), space, nWatch, (System.nanoTime() - t) / 1e9));
            }
            Device[] all = new Device[devices];
            for (int i = 0; i < devices; i++) {
                all[i] = new Device(i, run, contexts.get(i % contexts.size()), tokens[i]);
            }
            run.all = all;

            // The watcher, then the devices.
            Watcher watcher;
            if (reference) {
                watcher = new Watcher.Subscriber(run, contexts.get(0), referenceQos);
            } else {
                Map<String, Integer> watched = new HashMap<>();
                for (int i = 0; i < nWatch; i++) {
                    watched.put(run.twinId(i), i);
                }
                var ws = vertx.createWebSocketClient(new WebSocketClientOptions()
                        .setMaxMessageSize(Frames.MAX_SERVER_FRAME_BYTES).setMaxFrameSize(Frames.MAX_SERVER_FRAME_BYTES)
                        .setConnectTimeout(15_000).setSsl(ssl));
                watcher = new Watcher.SpaceBot(run, contexts.get(0), ws, host, port, ssl, session, space, watched);
            }
            try {
                watcher.start().await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                log("devices: the watcher is not ready (" + e.getMessage() + "); latency may be missing");
            }
            long t = System.nanoTime();
            connectAll(all);
            long connected = run.connected.sum();
            log(String.format(Locale.ROOT, "devices: %d/%d connected to %s in %.1f s", connected, devices, mqttUri,
                    (System.nanoTime() - t) / 1e9));
            if (connected == 0) {
                log("devices: no device connected: " + DeviceRun.snapshot(run.errors));
                return 1;
            }

            // Publish: warm-up, then the measured window.
            Scrape first = reference ? null : scrape();
            run.startNanos = System.nanoTime() + 50_000_000L;
            run.publishing = true;
            for (Device d : all) {
                d.start();
            }
            TimeUnit.MILLISECONDS.sleep(50 + (long) (warmup * 1000));
            Scrape before = reference ? null : scrape();
            List<Double> queue = Collections.synchronizedList(new ArrayList<>());
            long scrapeTimer = reference ? -1 : vertx.setPeriodic(500, id -> metrics().onSuccess(p -> {
                double q = p.sum("pujiang_history_queue");
                if (!Double.isNaN(q)) {
                    queue.add(q);
                }
            }));
            run.latency.reset();
            run.ackLatency.reset();
            Map<String, Long> errors0 = DeviceRun.snapshot(run.errors);
            long disconnects0 = run.disconnects.sum();
            run.measuring = true;
            long t0 = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep((long) (duration * 1000));
            run.measuring = false;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Scrape after = reference ? null : scrape();
            var latency = run.latency.getIntervalHistogram();
            var ackLatency = run.ackLatency.getIntervalHistogram();
            if (scrapeTimer >= 0) {
                vertx.cancelTimer(scrapeTimer);
            }

            // Stop, let the in-flight messages settle, and wait for history to drain.
            run.publishing = false;
            for (Device d : all) {
                d.stopPublishing();
            }
            long settleUntil = System.nanoTime() + (ACK_TIMEOUT_S + 1) * 1_000_000_000L;
            while (System.nanoTime() < settleUntil && pending(all) > 0) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            Scrape end = null;
            double drainS = Double.NaN;
            if (!reference) {
                long d0 = System.nanoTime();
                long drainUntil = d0 + (long) (drain * 1e9);
                end = scrape();
                while (end != null && end.queue > 0 && System.nanoTime() < drainUntil) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    end = scrape();
                }
                drainS = (System.nanoTime() - d0) / 1e9;
            }

            DeviceReport r = new DeviceReport();
            r.mode = reference ? "reference" : "pujiang";
            r.devices = devices;
            r.connected = connected;
            r.rateHz = rate;
            r.values = values;
            r.warmupS = warmup;
            r.measuredS = seconds;
            r.maxInFlight = maxInFlight;
            r.sent = run.sent.sum();
            r.acked = run.acked.sum();
            r.rejected = DeviceRun.snapshot(run.rejected);
            r.unacked = run.unacked.sum();
            r.skippedInFlight = run.skippedInFlight.sum();
            r.skippedLate = run.skippedLate.sum();
            r.disconnects = run.disconnects.sum() - disconnects0;
            Map<String, Long> errs = DeviceRun.snapshot(run.errors);
            errs.replaceAll((k, v) -> v - errors0.getOrDefault(k, 0L));
            errs.values().removeIf(v -> v == 0);
            r.errors = errs;
            r.latency = latency;
            r.ackLatency = ackLatency;
            r.latencyCoarse = run.latencyCoarse.sum();
            r.delivered = run.delivered.sum();
            r.watchers = nWatch;
            if (before != null && after != null) {
                r.serverValuesAccepted = DeviceParts.delta(before.accepted, after.accepted);
                r.serverHistoryWritten = DeviceParts.delta(before.written, after.written);
                r.serverHistoryRefused = DeviceParts.delta(before.refused, after.refused);
                r.serverHistoryDropped = DeviceParts.delta(before.dropped, after.dropped);
                r.serverMqttRejected = DeviceParts.deltas(before.mqttRejected, after.mqttRejected);
                synchronized (queue) {
                    r.serverHistoryQueueMax = queue.stream().mapToDouble(Double::doubleValue).max()
                            .orElse(Double.NaN);
                }
            }
            if (first != null && end != null) {
                r.runValuesAccepted = DeviceParts.delta(first.accepted, end.accepted);
                r.runHistoryWritten = DeviceParts.delta(first.written, end.written);
                r.runHistoryAccepted = DeviceParts.delta(first.historyAccepted, end.historyAccepted);
                r.runHistoryDropped = DeviceParts.delta(first.dropped, end.dropped);
                r.historyQueueAtEnd = end.queue;
                r.drainSeconds = drainS;
            }
            System.out.print(r.toText());
            if (json) {
                System.out.println(r.toJson().encode());
            }
            watcher.stop();
            List<Future<Void>> closing = new ArrayList<>();
            for (Device d : all) {
                closing.add(d.disconnect());
            }
            try {
                Future.join(closing).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort
            }
            return connected == devices && r.disconnects == 0 ? 0 : 2;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static List<Context> contexts(Vertx vertx, int n) throws Exception {
        List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(n)).await(30, TimeUnit.SECONDS);
        return contexts;
    }

    private static int pending(Device[] all) {
        int n = 0;
        for (Device d : all) {
            n += d.pending();
        }
        return n;
    }

    /** Connects the devices, at most 200 connects outstanding at a time. */
    private void connectAll(Device[] all) throws Exception {
        for (int from = 0; from < all.length; from += 200) {
            List<Future<Void>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(all.length, from + 200); i++) {
                batch.add(all[i].connect());
            }
            try {
                Future.join(batch).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted per device
            }
        }
    }

    // ---------------------------------------------------------------- REST setup

    /** An HTTP answer: status and body (JSON object when it is one). */
    record Answer(int status, JsonObject body, String text) {
    }

    private Future<Answer> call(HttpMethod method, String uri, Object body) {
        RequestOptions o = new RequestOptions().setMethod(method).setHost(host).setPort(port).setSsl(ssl).setURI(uri)
                .setTimeout(30_000);
        if (session != null) {
            o.putHeader("authorization", "Bearer " + session);
        }
        if (body != null) {
            o.putHeader("content-type", "application/json");
        }
        return http.request(o).compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body.toString())))
                .compose(resp -> resp.body().map(b -> {
                    String text = b.toString();
                    JsonObject json = null;
                    if (text.startsWith("{")) {
                        try {
                            json = new JsonObject(text);
                        } catch (RuntimeException e) {
                            // not JSON after all
                        }
                    }
                    return new Answer(resp.statusCode(), json, text);
                }));
    }

    private Answer callSync(HttpMethod method, String uri, Object body, int... ok) throws Exception {
        Answer a = call(method, uri, body).await(60, TimeUnit.SECONDS);
        for (int s : ok) {
            if (a.status == s) {
                return a;
            }
        }
        throw new IllegalStateException(method + " " + uri + " answered " + a.status + ": " + abbreviate(a.text));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private void setup(String[] tokens) throws Exception {
        session = callSync(HttpMethod.POST, "/api/auth/login",
                new JsonObject().put("username", username).put("password", password), 200).body.getString("token");
        String model = DeviceParts.modelId(values);
        callSync(HttpMethod.POST, "/api/models", DeviceParts.model(values), 201, 409);
        for (int from = 0; from < devices; from += SETUP_CONCURRENCY) {
            List<Future<String>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(devices, from + SETUP_CONCURRENCY); i++) {
                batch.add(twin(i, model));
            }
            Future.all(batch).await(120, TimeUnit.SECONDS);
            for (int k = 0; k < batch.size(); k++) {
                tokens[from + k] = batch.get(k).result();
            }
        }
    }

    /** Creates twin {@code i} (or reuses it when its model fits) and issues a device token. */
    private Future<String> twin(int i, String model) {
        String id = prefix + "-" + i;
        return call(HttpMethod.POST, "/api/twins", new JsonObject().put("id", id).put("model", model)
                .put("name", "Bench device " + i)).compose(a -> {
                    if (a.status == 201) {
                        return Future.succeededFuture();
                    }
                    if (a.status != 409) {
                        return Future.failedFuture("POST /api/twins " + id + " answered " + a.status + ": "
                                + abbreviate(a.text));
                    }
                    return call(HttpMethod.GET, "/api/twins/" + id, null).compose(g -> g.status == 200
                            && g.body != null && model.equals(g.body.getString("model")) ? Future.succeededFuture()
                            : Future.failedFuture("twin " + id + " exists with another model ("
                                    + (g.body == null ? g.status : g.body.getString("model"))
                                    + "); use --prefix or a fresh server"));
                }).compose(x -> call(HttpMethod.POST, "/api/twins/" + id + "/credentials", new JsonObject()))
                .compose(a -> a.status == 201 && a.body != null && a.body.getString("token") != null
                        ? Future.succeededFuture(a.body.getString("token"))
                        : Future.failedFuture("POST /api/twins/" + id + "/credentials answered " + a.status + ": "
                                + abbreviate(a.text)));
    }

    private UUID space(int nWatch) throws Exception {
        Answer s = callSync(HttpMethod.POST, "/api/spaces", new JsonObject()
                .put("name", "Device bench " + Long.toString(System.currentTimeMillis(), 36)).put("template", "empty")
                .put("visibility", "public"), 201);
        String id = s.body.getString("id");
        for (int i = 0; i < nWatch; i++) {
            callSync(HttpMethod.POST, "/api/spaces/" + id + "/bindings", new JsonObject().put("object", "origin-marker")
                    .put("twin", prefix + "-" + i).put("property", DeviceParts.SENT_AT)
                    .put("visual", new JsonObject().put("kind", "label")), 201);
        }
        return UUID.fromString(id);
    }

    // ---------------------------------------------------------------- server metrics

    /** The server counters one scrape read; NaN when missing. */
    record Scrape(double accepted, double historyAccepted, double written, double refused, double dropped,
            double queue, Map<String, Double> mqttRejected) {
    }

    private Future<DeviceParts.Prom> metrics() {
        return call(HttpMethod.GET, "/metrics", null).compose(a -> a.status == 200
                ? Future.succeededFuture(DeviceParts.Prom.parse(a.text))
                : Future.failedFuture("GET /metrics answered " + a.status));
    }

    private Scrape scrape() {
        try {
            DeviceParts.Prom p = metrics().await(10, TimeUnit.SECONDS);
            return new Scrape(p.sum("pujiang_twin_values_accepted_total"),
                    p.sum("pujiang_history_points_accepted_total"), p.sum("pujiang_history_points_written_total"),
                    p.sum("pujiang_history_points_refused_total"), p.sum("pujiang_history_points_dropped_total"),
                    p.sum("pujiang_history_queue"),
                    p.by("pujiang_mqtt_messages_total", "reason", "result", "rejected"));
        } catch (Exception e) {
            log("devices: could not read /metrics: " + e.getMessage());
            return null;
        }
    }

    private static void log(String s) {
        System.err.println(s);
    }
}
