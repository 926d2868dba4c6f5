package org.pujiang.server.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device endpoint's meters: {@code pujiang_mqtt_connections}, {@code pujiang_mqtt_messages_total{result,reason}},
 * {@code pujiang_mqtt_connect_refused_total{reason}}, {@code pujiang_mqtt_disconnects_total{reason}} and
 * {@code pujiang_mqtt_bytes_received_total} (Prometheus names). Thread-safe.
 */
final class MqttMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter bytes;
    private final Counter accepted;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    MqttMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("pujiang.mqtt.connections", connections, AtomicInteger::get)
                .description("MQTT device connections that passed CONNECT").register(registry);
        this.bytes = Counter.builder("pujiang.mqtt.bytes.received")
                .description("bytes read from MQTT device sockets").register(registry);
        this.accepted = messages("accepted", "none");
    }

    private Counter messages(String result, String reason) {
        return counters.computeIfAbsent("m:" + result + ":" + reason, k -> Counter.builder("pujiang.mqtt.messages")
                .description("PUBLISH packets from devices, by outcome").tag("result", result).tag("reason", reason)
                .register(registry));
    }

    void connected() {
        connections.incrementAndGet();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    int connections() {
        return connections.get();
    }

    void bytes(int n) {
        bytes.increment(n);
    }

    void accepted() {
        accepted.increment();
    }

    /** {@code reason}: a RejectReason name or an endpoint reason such as {@code unknown_topic}. */
    void rejected(String reason) {
        messages("rejected", reason.toLowerCase(Locale.ROOT)).increment();
    }

    void refused(String reason) {
        counters.computeIfAbsent("r:" + reason, k -> Counter.builder("pujiang.mqtt.connect.refused")
                .description("MQTT CONNECTs refused").tag("reason", reason).register(registry)).increment();
    }

    /** Connections the server closed: {@code oversized}, {@code malformed}, {@code flood}, {@code takeover}, ... */
    void closedBecause(String reason) {
        counters.computeIfAbsent("d:" + reason, k -> Counter.builder("pujiang.mqtt.disconnects")
                .description("MQTT connections closed by the server").tag("reason", reason).register(registry))
                .increment();
    }
}
