package org.pujiang.server.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.pujiang.server.storage.history.HistoryWriter;

/** Prometheus gauges and counters of twins and history writing. */
public final class TwinMetrics {
    private TwinMetrics() {
    }

    public static void bind(MeterRegistry registry, TwinService twins, HistoryWriter history) {
        Gauge.builder("pujiang_twins", twins, TwinService::count).description("twins loaded").register(registry);
        FunctionCounter.builder("pujiang_history_points_accepted_total", history, h -> h.stats().accepted())
                .description("telemetry values queued for history").register(registry);
        FunctionCounter.builder("pujiang_history_points_written_total", history, h -> h.stats().written())
                .description("telemetry values stored").register(registry);
        FunctionCounter.builder("pujiang_history_points_duplicates_total", history, h -> h.stats().duplicates())
                .description("values not stored because a value for the same twin, property and millisecond was")
                .register(registry);
        FunctionCounter.builder("pujiang_history_points_refused_total", history, h -> h.stats().refused())
                .description("telemetry values refused because the history queue was full").register(registry);
        FunctionCounter.builder("pujiang_history_points_dropped_total", history, h -> h.stats().dropped())
                .description("accepted values given up on after permanent write failures").register(registry);
        Gauge.builder("pujiang_history_queue", history, h -> h.stats().queued())
                .description("telemetry values waiting to be written").register(registry);
        FunctionCounter.builder("pujiang_twin_values_accepted_total", twins, t -> t.counters().accepted())
                .description("device values accepted").register(registry);
        for (var reason : org.pujiang.server.twin.ingress.IngestResult.RejectReason.values()) {
            FunctionCounter.builder("pujiang_twin_payloads_rejected_total", twins, t -> t.counters().rejected(reason))
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .description("device payloads rejected, by reason").register(registry);
        }
    }
}
