package org.pujiang.bench.devices;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one {@code devices} run measured, and the figures derived from it. Counts are of the measured
 * window (after the warm-up) unless named otherwise. Renders as text and as one JSON object.
 */
final class DeviceReport {
    /** {@code pujiang} (devices → Pujiang → a space) or {@code reference} (devices → a plain broker → one subscriber). */
    String mode = "pujiang";
    int devices;
    long connected;
    double rateHz;
    int values;
    double warmupS;
    double measuredS;
    int maxInFlight;

    /** Messages published (handed to the socket). */
    long sent;
    /** PUBACKs received. The Pujiang endpoint also acknowledges messages it refuses for good (and reports them). */
    long acked;
    /** Reports on {@code v1/devices/me/errors}, by code. */
    Map<String, Long> rejected = new TreeMap<>();
    /** Messages with no PUBACK within the ack timeout (10 s), counted when they expire (also after the window). */
    long unacked;
    /** Sends skipped because the device already had max-in-flight messages awaiting their PUBACK. */
    long skippedInFlight;
    /** Sends skipped because the timer fired more than one period late (a busy generator). */
    long skippedLate;
    /** Connections lost during the run. */
    long disconnects;
    Map<String, Long> errors = new TreeMap<>();

    /** Ingest-to-space (pujiang) or pub-to-sub (reference) latency, microseconds. */
    Histogram latency = new Histogram(3);
    /** PUBLISH to PUBACK, microseconds. */
    Histogram ackLatency = new Histogram(3);
    /** Latency samples whose send time was found only to the millisecond (the send ring had moved on). */
    long latencyCoarse;
    /** Messages the watcher (TwinUpdates of watched twins) or the reference subscriber received. */
    long delivered;
    int watchers;

    // Server counters (pujiang mode), deltas over the measured window unless said otherwise; NaN when not scraped.
    double serverValuesAccepted = Double.NaN;
    double serverHistoryWritten = Double.NaN;
    double serverHistoryRefused = Double.NaN;
    double serverHistoryDropped = Double.NaN;
    double serverHistoryQueueMax = Double.NaN;
    Map<String, Long> serverMqttRejected = new TreeMap<>();
    /** From the start of the warm-up to the end of the drain: values accepted and history points written. */
    double runValuesAccepted = Double.NaN;
    double runHistoryWritten = Double.NaN;
    /** History points queued (pujiang_history_points_accepted_total) and dropped over the same span. */
    double runHistoryAccepted = Double.NaN;
    double runHistoryDropped = Double.NaN;
    double drainSeconds = Double.NaN;
    double historyQueueAtEnd = Double.NaN;

    int valuesPerMessage() {
        return DeviceParts.valuesPerMessage(values);
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    double offeredMsgsPerSec() {
        return devices * rateHz;
    }

    double offeredValuesPerSec() {
        return offeredMsgsPerSec() * valuesPerMessage();
    }

    /** PUBACKed messages not reported as refused, per second. */
    double acceptedMsgsPerSec() {
        return measuredS <= 0 ? 0 : Math.max(0, acked - rejectedTotal()) / measuredS;
    }

    double acceptedValuesPerSec() {
        return acceptedMsgsPerSec() * valuesPerMessage();
    }

    double deliveredPerSec() {
        return measuredS <= 0 ? 0 : delivered / measuredS;
    }

    /**
     * History points queued during the run that are neither written, dropped nor still queued at the end: the
     * writer's "duplicates" (a point whose (twin, property, ts) was already stored is ignored), which the server
     * does not export. NaN when not scraped.
     */
    double historyNotWritten() {
        return runHistoryAccepted - runHistoryWritten - runHistoryDropped - historyQueueAtEnd;
    }

    static double perSec(double count, double seconds) {
        return seconds <= 0 || Double.isNaN(count) ? Double.NaN : count / seconds;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : Double.NaN;
    }

    static Object num(double v) {
        return Double.isFinite(v) ? (Object) round(v) : null;
    }

    static double ms(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return (percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile)) / 1000.0;
    }

    JsonObject toJson() {
        JsonObject r = new JsonObject()
                .put("mode", mode)
                .put("devices", devices)
                .put("connected", connected)
                .put("rateHz", rateHz)
                .put("values", values)
                .put("valuesPerMessage", valuesPerMessage())
                .put("maxInFlight", maxInFlight)
                .put("warmupS", round(warmupS))
                .put("durationS", round(measuredS))
                .put("offeredMsgsPerSec", num(offeredMsgsPerSec()))
                .put("offeredValuesPerSec", num(offeredValuesPerSec()))
                .put("sentMsgsPerSec", num(perSec(sent, measuredS)))
                .put("ackedMsgsPerSec", num(perSec(acked, measuredS)))
                .put("acceptedMsgsPerSec", num(acceptedMsgsPerSec()))
                .put("acceptedValuesPerSec", num(acceptedValuesPerSec()))
                .put("sent", sent)
                .put("acked", acked)
                .put("rejected", rejectedTotal())
                .put("rejectedByCode", new JsonObject(new LinkedHashMap<>(rejected)))
                .put("unacked", unacked)
                .put("skippedInFlight", skippedInFlight)
                .put("skippedLate", skippedLate)
                .put("disconnects", disconnects)
                .put("errors", new JsonObject(new LinkedHashMap<>(errors)))
                .put("latencySamples", latency.getTotalCount())
                .put("latencyCoarseSamples", latencyCoarse)
                .put("latencyP50Ms", num(ms(latency, 50)))
                .put("latencyP90Ms", num(ms(latency, 90)))
                .put("latencyP99Ms", num(ms(latency, 99)))
                .put("latencyMaxMs", num(ms(latency, 100)))
                .put("latencyWhat", mode.equals("reference")
                        ? "publish to delivery at one subscriber on bench/#, through the broker"
                        : "publish to TwinUpdate at a bot in a space, for " + watchers + " watched twins")
                .put("deliveredPerSec", num(deliveredPerSec()))
                .put("ackP50Ms", num(ms(ackLatency, 50)))
                .put("ackP99Ms", num(ms(ackLatency, 99)))
                .put("ackMaxMs", num(ms(ackLatency, 100)));
        if (mode.equals("pujiang")) {
            r.put("serverValuesAcceptedPerSec", num(perSec(serverValuesAccepted, measuredS)))
                    .put("serverHistoryWrittenPerSec", num(perSec(serverHistoryWritten, measuredS)))
                    .put("serverHistoryRefused", num(serverHistoryRefused))
                    .put("serverHistoryDropped", num(serverHistoryDropped))
                    .put("serverHistoryQueueMax", num(serverHistoryQueueMax))
                    .put("serverMqttRejected", new JsonObject(new LinkedHashMap<>(serverMqttRejected)))
                    .put("runValuesAccepted", num(runValuesAccepted))
                    .put("runHistoryAccepted", num(runHistoryAccepted))
                    .put("runHistoryWritten", num(runHistoryWritten))
                    .put("runHistoryNotWritten", num(historyNotWritten()))
                    .put("historyDrainS", num(drainSeconds))
                    .put("historyQueueAtEnd", num(historyQueueAtEnd));
        }
        return r;
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "devices %s: %d devices (%d connected) x %.4g Hz x %d values (+ sentAt), "
                + "%.1f s measured after %.1f s warm-up%n", mode, devices, connected, rateHz, values, measuredS, warmupS));
        b.append(String.format(Locale.ROOT, "  offered     %.1f msg/s, %.1f values/s%n", offeredMsgsPerSec(),
                offeredValuesPerSec()));
        b.append(String.format(Locale.ROOT, "  accepted    %.1f msg/s, %.1f values/s (PUBACKed, not reported refused)%n",
                acceptedMsgsPerSec(), acceptedValuesPerSec()));
        b.append(String.format(Locale.ROOT, "  refused     %d rejected%s, %d unacked (no PUBACK in 10 s), "
                + "%d skipped at max in-flight %d, %d skipped late, %d disconnects%n", rejectedTotal(),
                rejected.isEmpty() ? "" : " " + rejected, unacked, skippedInFlight, maxInFlight, skippedLate,
                disconnects));
        b.append(String.format(Locale.ROOT, "  latency     p50 %s  p90 %s  p99 %s  max %s  (%d samples; %s)%n",
                msText(ms(latency, 50)), msText(ms(latency, 90)), msText(ms(latency, 99)), msText(ms(latency, 100)),
                latency.getTotalCount(), mode.equals("reference") ? "pub to sub" : "ingest to space"));
        b.append(String.format(Locale.ROOT, "  PUBACK      p50 %s  p99 %s  max %s%n", msText(ms(ackLatency, 50)),
                msText(ms(ackLatency, 99)), msText(ms(ackLatency, 100))));
        if (mode.equals("reference")) {
            b.append(String.format(Locale.ROOT, "  delivered   %.1f msg/s at the subscriber%n", deliveredPerSec()));
        } else {
            b.append(String.format(Locale.ROOT, "  server      %s values/s accepted, %s history points/s written, "
                    + "%s refused, %s dropped, queue max %s%n",
                    fmt(perSec(serverValuesAccepted, measuredS)), fmt(perSec(serverHistoryWritten, measuredS)),
                    fmt(serverHistoryRefused), fmt(serverHistoryDropped), fmt(serverHistoryQueueMax)));
            b.append(String.format(Locale.ROOT, "  history     %s of %s values accepted during the run written "
                    + "(%s queued for history, %s dropped, %s neither written nor dropped); queue %s after %s s "
                    + "of drain%n", fmt(runHistoryWritten), fmt(runValuesAccepted), fmt(runHistoryAccepted),
                    fmt(runHistoryDropped), fmt(historyNotWritten()), fmt(historyQueueAtEnd), fmt(drainSeconds)));
            if (!serverMqttRejected.isEmpty()) {
                b.append("  server MQTT refusals ").append(serverMqttRejected).append('\n');
            }
        }
        if (!errors.isEmpty()) {
            b.append("  errors      ").append(errors).append('\n');
        }
        return b.toString();
    }

    private static String msText(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.2f ms", ms) : "-";
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
