package org.pujiang.server.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each finished request twice: a latency histogram per (method, route, status) for
 * Prometheus, and one access-log line on the {@code pujiang.access} logger. The route is the
 * template ({@code /api/spaces/:id}), never the raw path, so metric cardinality stays bounded.
 * Thread-safe; called on event loops.
 */
public final class RequestObserver {
    private static final Logger access = LoggerFactory.getLogger("pujiang.access");
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final boolean logAccess;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    public RequestObserver(MeterRegistry registry, boolean logAccess) {
        this.registry = registry;
        this.logAccess = logAccess;
        Gauge.builder("http.server.active.requests", active, AtomicInteger::get)
                .description("HTTP requests received and not yet answered")
                .register(registry);
    }

    public void started() {
        active.incrementAndGet();
    }

    public void finished(String method, String route, String path, int status, long nanos, String remote,
            String requestId) {
        active.decrementAndGet();
        String key = method + ' ' + route + ' ' + status;
        Timer timer = timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (logAccess) {
            access.info("{} {} {} {}ms path={} ip={} id={}", method, route, status,
                    String.format("%.1f", nanos / 1e6), path, remote, requestId);
        }
    }
}
