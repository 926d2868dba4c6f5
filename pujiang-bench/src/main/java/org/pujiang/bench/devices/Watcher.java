package org.pujiang.bench.devices;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.pujiang.protocol.DecodeResult;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.ProtocolVersion;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.Welcome;

/**
 * Where latency is measured. Against Pujiang: a client of the real-time protocol in the bench space
 * that times each TwinUpdate of a watched (bound) twin from the device's {@code sentAt}. Against a
 * plain broker: one MQTT subscriber on {@code bench/#}.
 */
abstract class Watcher {
    final DeviceRun run;
    final Context context;

    Watcher(DeviceRun run, Context context) {
        this.run = run;
        this.context = context;
    }

    /** Completes once the watcher receives (joined and got the bound twins' state, or subscribed). */
    abstract Future<Void> start();

    abstract void stop();

    /** Measures one message of device {@code index} stamped {@code sentAt}, received now. */
    final void seen(int index, long sentAt) {
        if (!run.measuring) {
            return;
        }
        run.delivered.increment();
        run.recordLatency(index, sentAt, System.nanoTime(), System.currentTimeMillis());
    }

    /** The bot in the space. */
    static final class SpaceBot extends Watcher {
        private final WebSocketClient ws;
        private final String host;
        private final int port;
        private final boolean ssl;
        private final String token;
        private final UUID space;
        private final Map<String, Integer> watched;
        /** The last sentAt timed per twin; the first TwinUpdate (full state) only sets it. */
        private final Map<String, Long> lastSentAt = new HashMap<>();
        private final FrameReader reader = new FrameReader();
        private final Promise<Void> ready = Promise.promise();
        private WebSocket socket;
        private boolean closing;

        SpaceBot(DeviceRun run, Context context, WebSocketClient ws, String host, int port, boolean ssl, String token,
                UUID space, Map<String, Integer> watched) {
            super(run, context);
            this.ws = ws;
            this.host = host;
            this.port = port;
            this.ssl = ssl;
            this.token = token;
            this.space = space;
            this.watched = watched;
        }

        @Override
        Future<Void> start() {
            context.runOnContext(v -> ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port)
                    .setSsl(ssl).setURI("/ws")).onSuccess(s -> {
                        socket = s;
                        s.binaryMessageHandler(this::onFrame);
                        s.closeHandler(x -> {
                            if (!closing) {
                                run.count(run.errors, "watcher closed: " + s.closeStatusCode());
                                ready.tryFail("the watcher's WebSocket closed (" + s.closeStatusCode() + ")");
                            }
                        });
                        send(Frames.encode(new Hello(1, ProtocolVersion.CURRENT, token, "pujiang-bench devices")));
                    }).onFailure(ready::tryFail));
            return ready.future();
        }

        private void send(byte[] frame) {
            socket.writeBinaryMessage(Buffer.buffer(frame));
        }

        private void onFrame(Buffer buf) {
            byte[] bytes = buf.getBytes();
            DecodeResult<ServerMessage> r = Frames.decodeServer(bytes, 0, bytes.length, reader);
            if (!(r instanceof DecodeResult.Ok<ServerMessage> ok)) {
                run.count(run.errors, "watcher: undecodable frame");
                return;
            }
            switch (ok.message()) {
                case Welcome w -> send(Frames.encode(Join.fresh(space)));
                case Joined j -> {
                    if (watched.isEmpty()) {
                        ready.tryComplete();
                    }
                }
                case TwinUpdate u -> onTwin(u);
                case ErrorMessage e -> {
                    String code = ErrorCode.fromCode(e.code()).map(Enum::name).orElse("code-" + e.code());
                    run.count(run.errors, "watcher: " + code);
                    ready.tryFail("the watcher got " + code + ": " + e.message());
                }
                case Goodbye g -> ready.tryFail("the watcher got Goodbye "
                        + ErrorCode.fromCode(g.code()).map(Enum::name).orElse("code-" + g.code()));
                default -> { }
            }
        }

        private void onTwin(TwinUpdate u) {
            Integer index = watched.get(u.twin());
            if (index == null) {
                return;
            }
            Long sentAt;
            try {
                JsonObject reported = new JsonObject(u.json()).getJsonObject("reported");
                sentAt = reported == null ? null : reported.getLong(DeviceParts.SENT_AT);
            } catch (RuntimeException e) {
                run.count(run.errors, "watcher: unreadable TwinUpdate");
                return;
            }
            boolean first = !lastSentAt.containsKey(u.twin());
            if (first) {
                lastSentAt.put(u.twin(), sentAt == null ? -1L : sentAt);
                if (lastSentAt.size() == watched.size()) {
                    ready.tryComplete();
                }
                return;
            }
            if (sentAt == null || sentAt == (long) lastSentAt.get(u.twin())) {
                return;
            }
            lastSentAt.put(u.twin(), sentAt);
            seen(index, sentAt);
        }

        @Override
        void stop() {
            context.runOnContext(v -> {
                closing = true;
                if (socket != null && !socket.isClosed()) {
                    socket.close();
                }
            });
        }
    }

    /** The reference subscriber on {@code bench/#} at a plain broker. */
    static final class Subscriber extends Watcher {
        private final int qos;
        private MqttClient client;
        private boolean closing;

        Subscriber(DeviceRun run, Context context, int qos) {
            super(run, context);
            this.qos = qos;
        }

        @Override
        Future<Void> start() {
            Promise<Void> ready = Promise.promise();
            context.runOnContext(v -> {
                client = MqttClient.create(context.owner(), new MqttClientOptions()
                        .setClientId(run.prefix + "-subscriber").setCleanSession(true).setKeepAliveInterval(60)
                        .setMaxInflightQueue(1000));
                client.publishHandler(m -> {
                    int index = DeviceParts.referenceIndex(m.topicName());
                    if (index < 0) {
                        return;
                    }
                    long sentAt;
                    try {
                        sentAt = new JsonObject(m.payload()).getLong(DeviceParts.SENT_AT, -1L);
                    } catch (RuntimeException e) {
                        run.count(run.errors, "subscriber: unreadable message");
                        return;
                    }
                    if (sentAt >= 0) {
                        seen(index, sentAt);
                    }
                });
                client.closeHandler(x -> {
                    if (!closing) {
                        run.count(run.errors, "subscriber disconnected");
                    }
                });
                client.connect(run.mqttPort, run.mqttHost).compose(ack -> ack.code()
                        == MqttConnectReturnCode.CONNECTION_ACCEPTED ? client.subscribe("bench/#", qos)
                        : Future.failedFuture("CONNACK " + ack.code())).onSuccess(x -> ready.complete())
                        .onFailure(ready::fail);
            });
            return ready.future();
        }

        @Override
        void stop() {
            context.runOnContext(v -> {
                closing = true;
                if (client != null && client.isConnected()) {
                    client.disconnect();
                }
            });
        }
    }
}
