package org.pujiang.bench.devices;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** What the devices and the watcher of one run share: settings, and counters every event loop updates. */
final class DeviceRun {
    final String mqttHost;
    final int mqttPort;
    final int devices;
    final double rateHz;
    final int values;
    final int maxInFlight;
    final int ackTimeoutS;
    final boolean reference;
    final String prefix;
    /** When the publishing starts (System.nanoTime), set once before the first timer fires. */
    volatile long startNanos;
    volatile boolean publishing;
    volatile boolean measuring;

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder unacked = new LongAdder();
    final LongAdder skippedInFlight = new LongAdder();
    final LongAdder skippedLate = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder latencyCoarse = new LongAdder();
    final LongAdder connected = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Microseconds; writers on any thread. */
    final Recorder latency = new Recorder(3);
    final Recorder ackLatency = new Recorder(3);
    /** Every device, by index; set before the watcher starts. */
    volatile Device[] all = new Device[0];

    DeviceRun(String mqttHost, int mqttPort, int devices, double rateHz, int values, int maxInFlight, int ackTimeoutS,
            boolean reference, String prefix) {
        this.mqttHost = mqttHost;
        this.mqttPort = mqttPort;
        this.devices = devices;
        this.rateHz = rateHz;
        this.values = values;
        this.maxInFlight = maxInFlight;
        this.ackTimeoutS = ackTimeoutS;
        this.reference = reference;
        this.prefix = prefix;
    }

    String twinId(int i) {
        return prefix + "-" + i;
    }

    void count(Map<String, LongAdder> map, String key) {
        String k = key == null ? "null" : key.length() > 100 ? key.substring(0, 100) : key;
        map.computeIfAbsent(k, x -> new LongAdder()).increment();
    }

    /**
     * Records a latency sample for the message device {@code index} sent with {@code sentAtMs}, seen
     * at {@code nowNanos} / {@code nowMs}: to the microsecond when the device still remembers the send,
     * else to the millisecond.
     */
    void recordLatency(int index, long sentAtMs, long nowNanos, long nowMs) {
        Device[] d = all;
        long sentNanos = index >= 0 && index < d.length ? d[index].sentNanos(sentAtMs) : -1;
        long micros;
        if (sentNanos >= 0) {
            micros = (nowNanos - sentNanos) / 1000;
        } else {
            micros = (nowMs - sentAtMs) * 1000;
            latencyCoarse.increment();
        }
        latency.recordValue(Math.max(0, micros));
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
