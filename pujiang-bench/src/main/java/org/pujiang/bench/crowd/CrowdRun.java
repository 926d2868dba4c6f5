package org.pujiang.bench.crowd;

import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.WebSocketClient;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.pujiang.protocol.message.Joined;

/** What the bots of one run share: where to connect, and the counters every event loop updates. */
final class CrowdRun {
    final String host;
    final int port;
    final boolean ssl;
    final String path;
    final UUID spaceId;
    final long periodMs;
    final long seed;
    final double area;
    final int poiCount;
    final HttpClientAgent http;
    final WebSocketClient ws;
    final long epochNanos = System.nanoTime() - 1_000_000;
    final Map<String, Bot> botsByUser = new ConcurrentHashMap<>();
    /** Move-to-seen latency in microseconds; writers on any thread. */
    final Recorder seen = new Recorder(3);
    final LongAdder rxBytes = new LongAdder();
    final LongAdder rxMsgs = new LongAdder();
    final LongAdder txBytes = new LongAdder();
    final LongAdder txMsgs = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    /** Frames received, by type byte. */
    final LongAdder[] rxByType = new LongAdder[256];
    final LongAdder corrections = new LongAdder();
    final LongAdder skippedInputs = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, LongAdder> disconnects = new ConcurrentHashMap<>();
    final Map<String, LongAdder> joinFailures = new ConcurrentHashMap<>();
    final LongAdder joined = new LongAdder();
    final CountDownLatch settled;
    volatile boolean measuring;
    private volatile double[][] pois;

    CrowdRun(String host, int port, boolean ssl, String path, UUID spaceId, double rateHz, long seed, double area,
            int poiCount, HttpClientAgent http, WebSocketClient ws, int bots) {
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.path = path;
        this.spaceId = spaceId;
        this.periodMs = Math.max(1, Math.round(1000 / rateHz));
        this.seed = seed;
        this.area = area;
        this.poiCount = poiCount;
        this.http = http;
        this.ws = ws;
        this.settled = new CountDownLatch(bots);
        for (int i = 0; i < rxByType.length; i++) {
            rxByType[i] = new LongAdder();
        }
    }

    void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void joinedOk() {
        joined.increment();
        settled.countDown();
    }

    void joinFailed(String why) {
        String key = why.length() > 80 ? why.substring(0, 80) : why;
        count(joinFailures, key);
        settled.countDown();
    }

    /**
     * The points of interest, chosen once around the first spawn point seen: {@code poiCount} points
     * within {@code area} metres of it, so that the crowd gathers as at an event.
     */
    double[][] pois(double spawnX, double spawnZ, Joined j) {
        double[][] p = pois;
        if (p == null) {
            synchronized (this) {
                if (pois == null) {
                    SplittableRandom r = new SplittableRandom(seed);
                    double[][] q = new double[poiCount][];
                    for (int i = 0; i < poiCount; i++) {
                        double a = r.nextDouble(0, 2 * Math.PI);
                        double d = r.nextDouble(0.3, 1.0) * area;
                        q[i] = new double[] {Walker.clamp(spawnX + Math.cos(a) * d, j.minX(), j.maxX()),
                            Walker.clamp(spawnZ + Math.sin(a) * d, j.minZ(), j.maxZ())};
                    }
                    pois = q;
                }
                p = pois;
            }
        }
        return p;
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
