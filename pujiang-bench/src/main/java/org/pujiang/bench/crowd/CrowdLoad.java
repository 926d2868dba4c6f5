package org.pujiang.bench.crowd;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.pujiang.bench.Durations;
import org.pujiang.protocol.Frames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code pujiang-bench crowd}: N bots that join one space over the real-time protocol and walk around,
 * measuring the server's tick time (scraped from /metrics), move-to-seen latency between bots, and
 * bandwidth per client. One process drives all bots on a few Vert.x event loops.
 */
@Command(name = "crowd", mixinStandardHelpOptions = true,
        description = "Real-time crowd load: N bots join a space and walk; reports tick time, move-to-seen "
                + "latency and bandwidth per client (docs/benchmarks.md, issue #3).")
public final class CrowdLoad implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "ws://host:port/ws (or wss://)")
    URI url;

    @Option(names = "--space", required = true, paramLabel = "ID", description = "The space's id (a UUID).")
    String space;

    @Option(names = "--bots", defaultValue = "100", paramLabel = "N", description = "Bots (default: ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "HZ",
            description = "Inputs per second per bot (default: ${DEFAULT-VALUE}; the server allows 30).")
    double rate;

    @Option(names = "--duration", defaultValue = "20", paramLabel = "S", converter = Seconds.class,
            description = "Measured time once every bot has joined: seconds or 30s/2m (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--ramp", paramLabel = "S", converter = Seconds.class,
            description = "Spread the connects over this time (default: bots/100 s, at least 1).")
    Double ramp;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "S", converter = Seconds.class,
            description = "Time after the last join before measuring (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--join-timeout", defaultValue = "60", paramLabel = "S", converter = Seconds.class,
            description = "Longest wait after the ramp for the joins to finish (default: ${DEFAULT-VALUE}).")
    double joinTimeout;

    @Option(names = "--area", defaultValue = "40", paramLabel = "M",
            description = "Points of interest lie within this many metres of the spawn point (default: ${DEFAULT-VALUE}).")
    double area;

    @Option(names = "--pois", defaultValue = "4", paramLabel = "N", description = "Points of interest (default: ${DEFAULT-VALUE}).")
    int pois;

    @Option(names = "--loops", paramLabel = "N", description = "Event loops for the bots (default: min(4, cores)).")
    Integer loops;

    @Option(names = "--scrape-ms", defaultValue = "250", paramLabel = "MS",
            description = "How often /metrics is read during the measurement (default: ${DEFAULT-VALUE}).")
    long scrapeMs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
    boolean json;

    /** Plain numbers are seconds; otherwise {@link Durations}. */
    public static final class Seconds implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            if (v.matches("\\d+(\\.\\d+)?")) {
                return Double.parseDouble(v);
            }
            return Durations.parse(v).toNanos() / 1e9;
        }
    }

    @Override
    public Integer call() throws Exception {
        String scheme = url.getScheme() == null ? "ws" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("wss") || scheme.equals("https");
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/ws" : url.getRawPath();
        UUID spaceId = UUID.fromString(space);
        double rampS = ramp != null ? ramp : Math.max(1, bots / 100.0);
        int nLoops = loops != null ? loops : Math.min(4, Runtime.getRuntime().availableProcessors());

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(nLoops).setWorkerPoolSize(1));
        try {
            var http = vertx.httpClientBuilder()
                    .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000))
                    .with(new PoolOptions().setHttp1MaxSize(16))
                    .build();
            var ws = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxMessageSize(Frames.MAX_SERVER_FRAME_BYTES).setMaxFrameSize(Frames.MAX_SERVER_FRAME_BYTES)
                    .setConnectTimeout(15_000).setMaxConnections(Math.max(16, bots)));
            CrowdRun run = new CrowdRun(host, port, ssl, path, spaceId, rate, seed, area, pois, http, ws, bots);

            List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
            vertx.deployVerticle(() -> new VerticleBase() {
                @Override
                public Future<?> start() {
                    contexts.add(context);
                    return Future.succeededFuture();
                }
            }, new DeploymentOptions().setInstances(nLoops)).await(30, TimeUnit.SECONDS);

            // Ramp: bot i starts at i * ramp / bots.
            List<Bot> all = new ArrayList<>(bots);
            long rampStart = System.nanoTime();
            for (int i = 0; i < bots; i++) {
                all.add(new Bot(i, run, contexts.get(i % contexts.size())));
            }
            for (int i = 0; i < bots; i++) {
                long due = rampStart + (long) (i * rampS * 1e9 / bots);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                all.get(i).start();
            }
            boolean settled = run.settled.await((long) (joinTimeout * 1000), TimeUnit.MILLISECONDS);
            double joinSeconds = (System.nanoTime() - rampStart) / 1e9;
            long joinedCount = run.joined.sum();
            log(String.format(Locale.ROOT, "crowd: %d/%d bots joined in %.1f s%s", joinedCount, bots, joinSeconds,
                    settled ? "" : " (gave up waiting)"));
            if (joinedCount == 0) {
                System.err.println("crowd: no bot joined, nothing to measure: " + CrowdRun.snapshot(run.joinFailures));
                return 1;
            }
            TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));

            // Measure.
            MetricsScraper scraper = new MetricsScraper();
            List<Double> machineLoad = Collections.synchronizedList(new ArrayList<>());
            RequestOptions metricsReq = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                    .setSsl(ssl).setURI("/metrics");
            long scrapeTimer = vertx.setPeriodic(0, Math.max(50, scrapeMs), id -> http.request(metricsReq)
                    .compose(r -> r.send()).compose(r -> r.body())
                    .onSuccess(b -> scraper.add(b.toString(), space)).onFailure(e -> scraper.failed())
                    .onComplete(x -> machineLoad.add(osBean().getCpuLoad())));
            Map<String, Long> disconnectsBefore = CrowdRun.snapshot(run.disconnects);
            long rx0 = run.rxBytes.sum();
            long rxm0 = run.rxMsgs.sum();
            long tx0 = run.txBytes.sum();
            long txm0 = run.txMsgs.sum();
            long unmatched0 = run.unmatched.sum();
            long[] byType0 = new long[256];
            for (int i = 0; i < 256; i++) {
                byType0[i] = run.rxByType[i].sum();
            }
            long corrections0 = run.corrections.sum();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            run.seen.reset();
            run.measuring = true;
            long t0 = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep((long) (duration * 1000));
            run.measuring = false;
            double seconds = (System.nanoTime() - t0) / 1e9;
            vertx.cancelTimer(scrapeTimer);
            Histogram seen = run.seen.getIntervalHistogram();
            double botsCores = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds;
            long clients = Math.max(1, joinedCount);
            JsonObject byType = new JsonObject();
            for (int i = 0; i < 256; i++) {
                long n = run.rxByType[i].sum() - byType0[i];
                if (n > 0) {
                    byType.put(Frames.typeName(i), round(n / seconds / clients));
                }
            }

            Map<String, Long> disconnects = CrowdRun.snapshot(run.disconnects);
            long disconnectCount = disconnects.values().stream().mapToLong(Long::longValue).sum();
            long disconnectsDuring = disconnectCount
                    - disconnectsBefore.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> errors = CrowdRun.snapshot(run.errors);
            Map<String, Long> joinFailures = CrowdRun.snapshot(run.joinFailures);
            long joinFailed = joinFailures.values().stream().mapToLong(Long::longValue).sum();

            JsonObject r = new JsonObject()
                    .put("bots", bots)
                    .put("connected", joinedCount)
                    .put("joinFailed", joinFailed)
                    .put("joinFailures", new JsonObject(new java.util.LinkedHashMap<>(joinFailures)))
                    .put("joinSeconds", round(joinSeconds))
                    .put("rateHz", rate)
                    .put("durationS", round(seconds))
                    .put("disconnects", disconnectCount)
                    .put("disconnectsDuringMeasurement", disconnectsDuring)
                    .put("disconnectReasons", new JsonObject(new java.util.LinkedHashMap<>(disconnects)))
                    .put("tickP50Ms", round(MetricsScraper.percentile(scraper.lastMs, 50)))
                    .put("tickP99Ms", round(MetricsScraper.percentile(scraper.lastMs, 99)))
                    .put("tickMaxMs", round(MetricsScraper.percentile(scraper.lastMs, 100)))
                    .put("tickGaugeP99MedianMs", round(MetricsScraper.percentile(scraper.p99Ms, 50)))
                    .put("tickSamples", scraper.lastMs.size())
                    .put("tickSource", "percentiles of " + MetricsScraper.TICK_LAST + " sampled every " + scrapeMs
                            + " ms; tickGaugeP99MedianMs is the median of " + MetricsScraper.TICK_P99)
                    .put("seenSamples", seen.getTotalCount())
                    .put("seenUnmatched", run.unmatched.sum() - unmatched0)
                    .put("seenP50Ms", round(seen.getValueAtPercentile(50) / 1000.0))
                    .put("seenP99Ms", round(seen.getValueAtPercentile(99) / 1000.0))
                    .put("seenMaxMs", round(seen.getMaxValue() / 1000.0))
                    .put("rxBytesPerClientPerSec", round((run.rxBytes.sum() - rx0) / seconds / clients))
                    .put("txBytesPerClientPerSec", round((run.txBytes.sum() - tx0) / seconds / clients))
                    .put("rxMsgsPerClientPerSec", round((run.rxMsgs.sum() - rxm0) / seconds / clients))
                    .put("rxMsgsPerClientPerSecByType", byType)
                    .put("txMsgsPerClientPerSec", round((run.txMsgs.sum() - txm0) / seconds / clients))
                    .put("serverCorrectionsPerSec", round((run.corrections.sum() - corrections0) / seconds))
                    .put("skippedInputs", run.skippedInputs.sum())
                    .put("errors", new JsonObject(new java.util.LinkedHashMap<>(errors)))
                    .put("failedConnects", joinFailed)
                    .put("botsCpuCores", round(botsCores))
                    .put("serverCpuMachineShare", round(MetricsScraper.percentile(scraper.serverCpu, 50)))
                    .put("machineCpuLoad", round(MetricsScraper.percentile(machineLoad, 50)))
                    .put("machineCores", Runtime.getRuntime().availableProcessors());
            printText(r);
            if (json) {
                System.out.println(r.encode());
            }
            for (Bot b : all) {
                b.stop();
            }
            TimeUnit.MILLISECONDS.sleep(1500);
            return joinedCount == bots && disconnectCount == 0 ? 0 : 2;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static OperatingSystemMXBean osBean() {
        return (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private static void log(String s) {
        System.err.println(s);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : -1;
    }

    private static void printText(JsonObject r) {
        StringBuilder sb = new StringBuilder("crowd results\n");
        for (String k : r.fieldNames()) {
            sb.append(String.format(Locale.ROOT, "  %-30s %s%n", k, r.getValue(k)));
        }
        System.out.print(sb);
    }
}
