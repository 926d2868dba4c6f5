package org.pujiang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadReportTest {
    @Test
    void percentilesComeFromTheHistogramInMicroseconds() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int us = 1; us <= 1_000; us++) { // 1..1000 µs, one each
            h.recordValue(us);
        }
        LoadReport.Latency l = LoadReport.Latency.of(h);
        assertThat(l.count()).isEqualTo(1_000);
        assertThat(l.p50()).isEqualTo(500);
        assertThat(l.p90()).isEqualTo(900);
        assertThat(l.p99()).isEqualTo(990);
        assertThat(l.p999()).isEqualTo(999);
        assertThat(l.max()).isEqualTo(1_000);
        assertThat(l.mean()).isEqualTo(500.5);
    }

    @Test
    void anEmptyHistogramGivesZeros() {
        assertThat(LoadReport.Latency.of(new Histogram(3))).isEqualTo(new LoadReport.Latency(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void throughputIsTwoXxPerSecondOfTheMeasuredWindow() {
        LoadReport r = report(Map.of("HTTP 503", 2L, "VertxException", 1L));
        assertThat(r.throughput()).isEqualTo(500.0); // 10 000 in 20 s
        assertThat(r.errorCount()).isEqualTo(3);
    }

    @Test
    void textNamesTheSetupAndEveryFigure() {
        assertThat(report(Map.of("HTTP 503", 2L)).toText()).isEqualTo("""
                GET http://127.0.0.1:8080/api/spaces
                50 connections, 1 client event loop, closed loop; 20.0 s measured after 5.0 s warm-up
                  throughput  500.0 req/s (10000 2xx responses)
                  latency     p50 850 µs  p90 1.20 ms  p99 12.35 ms  p99.9 250.00 ms  max 1.50 s
                  errors      2 {HTTP 503=2}
                """);
    }

    @Test
    void jsonCarriesTheSameFigures() {
        JsonObject j = report(Map.of()).toJson();
        assertThat(j.getLong("requests")).isEqualTo(10_000);
        assertThat(j.getDouble("throughput")).isEqualTo(500.0);
        assertThat(j.getLong("errors")).isZero();
        assertThat(j.getDouble("durationSeconds")).isEqualTo(20.0);
        assertThat(j.getJsonObject("latencyMicros").getLong("p99")).isEqualTo(12_345);
        assertThat(j.getJsonObject("latencyMicros").getLong("p99_9")).isEqualTo(250_000);
    }

    @Test
    void microsPicksAReadableUnit() {
        assertThat(LoadReport.micros(999)).isEqualTo("999 µs");
        assertThat(LoadReport.micros(1_000)).isEqualTo("1.00 ms");
        assertThat(LoadReport.micros(1_234_567)).isEqualTo("1.23 s");
    }

    private static LoadReport report(Map<String, Long> errors) {
        return new LoadReport("GET", "http://127.0.0.1:8080/api/spaces", 50, 1, Duration.ofSeconds(5),
                Duration.ofSeconds(20), 10_000, new TreeMap<>(errors), 0, 0,
                new LoadReport.Latency(10_000, 850, 1_200, 12_345, 250_000, 1_500_000, 2_000.0));
    }
}
