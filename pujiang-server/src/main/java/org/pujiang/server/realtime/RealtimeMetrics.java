package org.pujiang.server.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's counters in the node's meter registry: connections open, frames and bytes each way,
 * goodbyes by reason. Thread-safe.
 */
final class RealtimeMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter framesIn;
    private final Counter bytesIn;
    private final Counter framesOut;
    private final Counter bytesOut;

    RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("pujiang.ws.connections", connections, AtomicInteger::get)
                .description("open WebSocket connections").register(registry);
        framesIn = Counter.builder("pujiang.ws.frames.in").register(registry);
        bytesIn = Counter.builder("pujiang.ws.bytes.in").baseUnit("bytes").register(registry);
        framesOut = framesOut(registry);
        bytesOut = bytesOut(registry);
    }

    /** The node's count of frames sent: the gateway's and every space's outbox add to it. */
    static Counter framesOut(MeterRegistry registry) {
        return Counter.builder("pujiang.ws.frames.out").register(registry);
    }

    static Counter bytesOut(MeterRegistry registry) {
        return Counter.builder("pujiang.ws.bytes.out").baseUnit("bytes").register(registry);
    }

    void opened() {
        connections.incrementAndGet();
    }

    void closed() {
        connections.decrementAndGet();
    }

    void received(int bytes) {
        framesIn.increment();
        bytesIn.increment(bytes);
    }

    void sent(int bytes) {
        framesOut.increment();
        bytesOut.increment(bytes);
    }

    void goodbye(String code) {
        registry.counter("pujiang.ws.goodbyes", "code", code).increment();
    }
}
