package org.pujiang.bench.devices;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One simulated device: its own MQTT connection (the token is per device), QoS 1 telemetry at the
 * run's rate with a fixed phase, at most {@code maxInFlight} messages awaiting their PUBACK (a slow
 * server shows as skipped sends, not a growing queue), and the refusal reports on
 * {@code v1/devices/me/errors}. Everything but {@link #sentNanos} runs on the device's context.
 */
final class Device {
    static final String TELEMETRY = "v1/devices/me/telemetry";
    static final String ERRORS = "v1/devices/me/errors";
    /** Most catch-up sends when a timer fires several periods late. */
    static final int MAX_CATCH_UP = 4;
    private static final int RING = 256;

    final int index;
    private final DeviceRun run;
    private final Context context;
    private final String token;
    private final String topic;
    private final long phaseNanos;
    private final long periodNanos;
    private MqttClient client;
    private final Map<Integer, InFlight> inFlight = new HashMap<>();
    private final Set<Integer> earlyAcks = new HashSet<>();
    private volatile int pending;
    private long nextSlot;
    private long seq;
    private long lastSentAt;
    private long timerId = -1;
    private boolean closing;
    // The last RING sends, for the watcher's look-up: sentAt (ms) and System.nanoTime.
    private final long[] ringSentAt = new long[RING];
    private final long[] ringNanos = new long[RING];
    private long ringCount;

    private record InFlight(long nanos) {
    }

    Device(int index, DeviceRun run, Context context, String token) {
        this.index = index;
        this.run = run;
        this.context = context;
        this.token = token;
        this.topic = run.reference ? "bench/" + index + "/telemetry" : TELEMETRY;
        this.phaseNanos = DeviceParts.phaseNanos(index, run.devices, run.rateHz);
        this.periodNanos = (long) (1e9 / run.rateHz);
    }

    int pending() {
        return pending;
    }

    /** Connects (and, against Pujiang, subscribes to the error reports). */
    Future<Void> connect() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            MqttClientOptions o = new MqttClientOptions()
                    .setClientId(run.twinId(index))
                    .setCleanSession(true)
                    .setKeepAliveInterval(60)
                    .setMaxInflightQueue(run.maxInFlight)
                    .setAckTimeout(run.ackTimeoutS);
            o.setConnectTimeout(15_000);
            if (token != null) {
                o.setUsername(token);
            }
            client = MqttClient.create(context.owner(), o);
            client.publishCompletionHandler(this::onAck);
            client.publishCompletionExpirationHandler(this::onExpired);
            client.publishHandler(this::onMessage);
            client.closeHandler(x -> {
                if (!closing) {
                    run.disconnects.increment();
                    run.count(run.errors, "disconnected");
                }
            });
            client.exceptionHandler(e -> run.count(run.errors, "mqtt: " + e.getClass().getSimpleName()));
            client.connect(run.mqttPort, run.mqttHost).compose(ack -> {
                if (ack.code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    return Future.failedFuture("CONNACK " + ack.code());
                }
                return run.reference ? Future.succeededFuture()
                        : client.subscribe(ERRORS, 1).mapEmpty();
            }).onSuccess(x -> {
                run.connected.increment();
                done.complete();
            }).onFailure(e -> {
                run.count(run.errors, "connect: " + e.getMessage());
                done.fail(e);
            });
        });
        return done.future();
    }

    /** Starts publishing at {@code run.startNanos + phase}. */
    void start() {
        context.runOnContext(v -> {
            if (client == null || !client.isConnected()) {
                return;
            }
            nextSlot = 0;
            schedule();
        });
    }

    private void schedule() {
        long due = run.startNanos + phaseNanos + nextSlot * periodNanos;
        long delayMs = Math.max(1, (due - System.nanoTime() + 999_999) / 1_000_000);
        timerId = context.owner().setTimer(delayMs, id -> fire());
    }

    private void fire() {
        timerId = -1;
        if (closing || !run.publishing) {
            return;
        }
        long now = System.nanoTime();
        long slot = Math.max(nextSlot, (now - run.startNanos - phaseNanos) / periodNanos);
        long due = slot - nextSlot + 1; // sends due by now
        long sends = Math.min(due, MAX_CATCH_UP);
        if (due > sends && run.measuring) {
            run.skippedLate.add(due - sends);
        }
        for (long s = 0; s < sends; s++) {
            send();
        }
        nextSlot = slot + 1;
        schedule();
    }

    private void send() {
        if (client == null || !client.isConnected()) {
            return;
        }
        if (pending >= run.maxInFlight) {
            if (run.measuring) {
                run.skippedInFlight.increment();
            }
            return;
        }
        long sentAt = Math.max(System.currentTimeMillis(), lastSentAt + 1); // unique per device, for the look-up
        lastSentAt = sentAt;
        long nanos = System.nanoTime();
        remember(sentAt, nanos);
        Buffer body = Buffer.buffer(DeviceParts.payload(run.values, index, seq++, sentAt));
        pending++;
        if (run.measuring) {
            run.sent.increment();
        }
        client.publish(topic, body, MqttQoS.AT_LEAST_ONCE, false, false).onSuccess(id -> {
            InFlight f = new InFlight(nanos);
            if (earlyAcks.remove(id)) {
                acked(f);
            } else {
                inFlight.put(id, f);
            }
        }).onFailure(e -> {
            pending--;
            run.count(run.errors, "publish: " + e.getMessage());
        });
    }

    private void onAck(int packetId) {
        InFlight f = inFlight.remove(packetId);
        if (f == null) {
            earlyAcks.add(packetId); // the PUBACK overtook the write's completion
            return;
        }
        acked(f);
    }

    private void acked(InFlight f) {
        pending--;
        if (run.measuring) {
            run.acked.increment();
            run.ackLatency.recordValue(Math.max(0, (System.nanoTime() - f.nanos) / 1000));
        }
    }

    private void onExpired(int packetId) {
        inFlight.remove(packetId);
        pending--;
        run.unacked.increment();
    }

    private void onMessage(MqttPublishMessage m) {
        if (!m.topicName().equals(ERRORS)) {
            run.count(run.errors, "unexpected topic " + m.topicName());
            return;
        }
        String code;
        try {
            code = new JsonObject(m.payload()).getString("code", "unknown");
        } catch (RuntimeException e) {
            code = "unreadable report";
        }
        if (run.measuring) {
            run.count(run.rejected, code);
        }
    }

    private synchronized void remember(long sentAt, long nanos) {
        int slot = (int) (ringCount++ % RING);
        ringSentAt[slot] = sentAt;
        ringNanos[slot] = nanos;
    }

    /** The System.nanoTime at which this device sent the message stamped {@code sentAtMs}, or -1 if forgotten. */
    synchronized long sentNanos(long sentAtMs) {
        long n = Math.min(ringCount, RING);
        for (long k = 1; k <= n; k++) {
            int slot = (int) ((ringCount - k) % RING);
            if (ringSentAt[slot] == sentAtMs) {
                return ringNanos[slot];
            }
            if (ringSentAt[slot] < sentAtMs) {
                return -1; // sentAt only grows: older slots hold smaller stamps
            }
        }
        return -1;
    }

    /** Stops publishing; what is in flight may still be acknowledged. */
    void stopPublishing() {
        context.runOnContext(v -> {
            if (timerId >= 0) {
                context.owner().cancelTimer(timerId);
                timerId = -1;
            }
        });
    }

    Future<Void> disconnect() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
            if (client != null && client.isConnected()) {
                client.disconnect().onComplete(x -> done.complete());
            } else {
                done.complete();
            }
        });
        return done.future();
    }
}
