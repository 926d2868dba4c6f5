package org.pujiang.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one HTTP load run measured, as plain values: what was run, how many 2xx answers arrived in
 * the measured window, the errors by kind, and the latency of the 2xx answers. Renders itself as
 * text for people and as JSON for scripts.
 *
 * @param measured the measured window, warm-up excluded
 * @param ok 2xx responses completed within the window
 * @param errors non-2xx responses and failed requests completed within the window, by kind
 *     ({@code HTTP 503}, or the exception's class name)
 * @param warmupErrors errors during the warm-up, reported so that a broken setup is noticed
 * @param reconnects connections opened again after one failed or was closed by the server
 */
public record LoadReport(
        String method,
        String url,
        int connections,
        int threads,
        Duration warmup,
        Duration measured,
        long ok,
        SortedMap<String, Long> errors,
        long warmupErrors,
        long reconnects,
        Latency latency) {

    public LoadReport {
        errors = new TreeMap<>(errors);
    }

    /** Latency percentiles in microseconds. */
    public record Latency(long count, long p50, long p90, long p99, long p999, long max, double mean) {
        /** Reads the percentiles off a histogram of microseconds; all zero when it is empty. */
        public static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
        }
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** 2xx responses per second of the measured window. */
    public double throughput() {
        double seconds = measured.toNanos() / 1e9;
        return seconds <= 0 ? 0 : ok / seconds;
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(url).append('\n');
        b.append(String.format(Locale.ROOT,
                "%d connections, %d client event loop%s, closed loop; %s measured after %s warm-up%n",
                connections, threads, threads == 1 ? "" : "s", seconds(measured), seconds(warmup)));
        b.append(String.format(Locale.ROOT, "  throughput  %.1f req/s (%d 2xx responses)%n", throughput(), ok));
        b.append(String.format(Locale.ROOT, "  latency     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                micros(latency.p50()), micros(latency.p90()), micros(latency.p99()), micros(latency.p999()),
                micros(latency.max())));
        b.append("  errors      ").append(errorCount());
        if (!errors.isEmpty()) {
            b.append(' ').append(errors);
        }
        b.append('\n');
        if (warmupErrors > 0 || reconnects > 0) {
            b.append("  also        ").append(warmupErrors).append(" errors during warm-up, ")
                    .append(reconnects).append(" reconnects\n");
        }
        return b.toString();
    }

    public JsonObject toJson() {
        JsonObject errorsJson = new JsonObject();
        for (Map.Entry<String, Long> e : errors.entrySet()) {
            errorsJson.put(e.getKey(), e.getValue());
        }
        return new JsonObject()
                .put("method", method)
                .put("url", url)
                .put("connections", connections)
                .put("threads", threads)
                .put("warmupSeconds", warmup.toMillis() / 1000.0)
                .put("durationSeconds", measured.toMillis() / 1000.0)
                .put("requests", ok)
                .put("throughput", Math.round(throughput() * 10) / 10.0)
                .put("errors", errorCount())
                .put("errorsByKind", errorsJson)
                .put("warmupErrors", warmupErrors)
                .put("reconnects", reconnects)
                .put("latencyMicros", new JsonObject()
                        .put("count", latency.count())
                        .put("p50", latency.p50())
                        .put("p90", latency.p90())
                        .put("p99", latency.p99())
                        .put("p99_9", latency.p999())
                        .put("max", latency.max())
                        .put("mean", Math.round(latency.mean() * 10) / 10.0));
    }

    /** A latency in microseconds, in a readable unit: {@code 850 µs}, {@code 12.35 ms}, {@code 1.20 s}. */
    static String micros(long us) {
        if (us < 1_000) {
            return us + " µs";
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1e6);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
