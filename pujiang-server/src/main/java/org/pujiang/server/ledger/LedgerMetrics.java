package org.pujiang.server.ledger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Prometheus gauges and counters of the transparency log. */
public final class LedgerMetrics {
    private LedgerMetrics() {}

    public static void bind(MeterRegistry registry, Ledger ledger) {
        LogWriter w = ledger.writer();
        Gauge.builder("pujiang_log_size", w, x -> x.tail().size()).description("entries in the log").register(registry);
        Gauge.builder("pujiang_log_checkpoint_size", w,
                        x -> x.tail().checkpoint() == null ? 0 : x.tail().checkpoint().size())
                .description("entries covered by the newest signed checkpoint").register(registry);
        Gauge.builder("pujiang_log_queue", w, LogWriter::queued).description("proposals waiting for the log writer")
                .register(registry);
        FunctionCounter.builder("pujiang_log_entries_appended_total", w, LogWriter::appendedEntries)
                .description("entries appended durably").register(registry);
        FunctionCounter.builder("pujiang_log_batches_total", w, LogWriter::batches)
                .description("batches stored").register(registry);
        FunctionCounter.builder("pujiang_log_batches_failed_total", w, LogWriter::failedBatches)
                .description("batches the store refused (none of their entries is in the log)").register(registry);
    }
}
