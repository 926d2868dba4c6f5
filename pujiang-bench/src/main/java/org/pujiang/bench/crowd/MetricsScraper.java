package org.pujiang.bench.crowd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the server's Prometheus text for one space's tick gauges. The server exports
 * {@code pujiang_space_tick_last_seconds} (the latest tick's duration) and
 * {@code pujiang_space_tick_p99_seconds} (a percentile over the recent ticks), tagged {@code space="ID"},
 * and {@code process_cpu_usage} (0..1 of the whole machine) when bound. Pure parsing; unit-tested.
 */
final class MetricsScraper {
    static final String TICK_LAST = "pujiang_space_tick_last_seconds";
    static final String TICK_P99 = "pujiang_space_tick_p99_seconds";
    static final String PROCESS_CPU = "process_cpu_usage";

    final List<Double> lastMs = new ArrayList<>();
    final List<Double> p99Ms = new ArrayList<>();
    final List<Double> serverCpu = new ArrayList<>();
    int scrapes;
    int failures;

    /** Adds the values of one scrape. */
    synchronized void add(String text, String spaceId) {
        scrapes++;
        Double last = value(text, TICK_LAST, spaceId);
        Double p99 = value(text, TICK_P99, spaceId);
        Double cpu = value(text, PROCESS_CPU, null);
        if (last != null) {
            lastMs.add(last * 1000);
        }
        if (p99 != null) {
            p99Ms.add(p99 * 1000);
        }
        if (cpu != null && cpu >= 0) {
            serverCpu.add(cpu);
        }
    }

    synchronized void failed() {
        failures++;
    }

    /** The value of the first sample of {@code name} (with {@code space="spaceId"} when given), or null. */
    static Double value(String text, String name, String spaceId) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char c = line.charAt(name.length());
            if (c != '{' && c != ' ') {
                continue;
            }
            if (spaceId != null && !line.contains("space=\"" + spaceId + "\"")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            try {
                return Double.parseDouble(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Nearest-rank percentile (0..100) of {@code values}, or NaN when empty. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
