package org.pujiang.server.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.internal.net.NetSocketInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.pujiang.server.twin.ingress.DeviceIngress;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.Accepted;
import org.pujiang.server.twin.ingress.IngestResult.Rejected;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device socket, from CONNECT to close. Everything but {@link #takenOver()} and {@link #closeFromAnyThread}
 * runs on the socket's event loop ({@link #context}); ingest results and downlink calls hop back onto it.
 *
 * <p>PUBLISH outcomes are settled in arrival order: each PUBLISH takes a slot in {@link #pending}, ingest may
 * complete out of order, and a slot's acknowledgement is written only once every earlier slot is settled
 * (MQTT 3.1.1 §4.6). When {@code maxInFlight} slots are open the socket stops reading.
 */
final class DeviceConnection {
    static final String TB_TELEMETRY = "v1/devices/me/telemetry";
    static final String TB_ATTRIBUTES = "v1/devices/me/attributes";
    static final String TB_RPC_REQUEST = "v1/devices/me/rpc/request/";
    static final String TB_RPC_RESPONSE = "v1/devices/me/rpc/response/";
    static final String TB_ERRORS = "v1/devices/me/errors";
    static final String SHADOW_PREFIX = "twins/";
    static final String SHADOW_UPDATE = "/update";
    static final String SOURCE = "mqtt";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object TAKEOVER_LOCK = new Object();

    // MQTT 5 reason codes (§3.4.2.1 PUBACK, §3.14.2.1 DISCONNECT)
    private static final byte RC_PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    private static final byte RC_NOT_AUTHORIZED = (byte) 0x87;
    private static final byte RC_QUOTA_EXCEEDED = (byte) 0x97;
    private static final byte RC_IMPLEMENTATION_SPECIFIC = (byte) 0x83;
    private static final byte RC_TOPIC_NAME_INVALID = (byte) 0x90;
    private static final byte RC_MALFORMED_PACKET = (byte) 0x81;
    private static final byte RC_PROTOCOL_ERROR = (byte) 0x82;
    private static final byte RC_SERVER_SHUTTING_DOWN = (byte) 0x8B;
    private static final byte RC_KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    private static final byte RC_SESSION_TAKEN_OVER = (byte) 0x8E;
    private static final byte RC_PACKET_TOO_LARGE = (byte) 0x95;
    private static final byte RC_MESSAGE_RATE_TOO_HIGH = (byte) 0x96;

    /** Where a PUBLISH's rejection is reported. */
    private enum Reply { THINGSBOARD, SHADOW }

    private record Subscription(TopicFilter filter, MqttQoS qos) {}

    private static final class Pending {
        final int packetId;
        final MqttQoS qos;
        final String topic;
        Runnable outcome;

        Pending(int packetId, MqttQoS qos, String topic) {
            this.packetId = packetId;
            this.qos = qos;
            this.topic = topic;
        }
    }

    private final MqttEndpoint endpoint;
    private final MqttEndpoint.Options options;
    private final MqttMetrics metrics;
    private final DeviceIngress ingress;
    private final NetSocketInternal so;
    private final Context context;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicReference<DeviceIngress.Registration> registration = new AtomicReference<>();
    private Set<String> allowedFilters = Set.of();
    private String twinId;
    private boolean v5;
    private boolean connected;
    private boolean closed;
    private boolean paused;
    private TokenBucket bucket;
    private int nextPacketId;
    private long floodSinceNanos;
    private long lastOverNanos;

    DeviceConnection(MqttEndpoint endpoint, NetSocketInternal so, Context context) {
        this.endpoint = endpoint;
        this.options = endpoint.options();
        this.metrics = endpoint.metrics();
        this.ingress = endpoint.ingress();
        this.so = so;
        this.context = context;
    }

    void start() {
        so.messageHandler(this::onMessage);
        so.closeHandler(v -> onClosed());
        // resets and the like: the close handler cleans up
        so.exceptionHandler(t -> close(null, (byte) 0));
    }

    // ---------------------------------------------------------------- inbound

    private void onMessage(Object msg) {
        try {
            if (closed) {
                return;
            }
            if (!(msg instanceof MqttMessage m)) {
                close("malformed", RC_MALFORMED_PACKET);
                return;
            }
            DecoderResult result = m.decoderResult();
            if (result.isFailure()) {
                onDecodeFailure(result.cause());
                return;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            if (!connected) {
                if (type == MqttMessageType.CONNECT) {
                    onConnect((MqttConnectMessage) m);
                } else {
                    // the first packet must be CONNECT (§3.1.0-1)
                    close("protocol", (byte) 0);
                }
                return;
            }
            switch (type) {
                case PUBLISH -> onPublish((MqttPublishMessage) m);
                case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) m);
                case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) m);
                case PINGREQ -> write(new MqttMessage(fixed(MqttMessageType.PINGRESP)));
                // QoS 2 from the device: PUBREC went out with the outcome; finish the exchange
                case PUBREL -> write(new MqttMessage(fixed(MqttMessageType.PUBCOMP),
                        MqttMessageIdVariableHeader.from(((MqttMessageIdVariableHeader) m.variableHeader()).messageId())));
                // downlink is sent once: without sessions there is nothing to redeliver, so acks need no bookkeeping
                case PUBACK, PUBREC, PUBCOMP -> { }
                case DISCONNECT -> close(null, (byte) 0);
                // a second CONNECT (§3.1.0-2), AUTH, or a server-to-client packet
                default -> close("protocol", RC_PROTOCOL_ERROR);
            }
        } catch (RuntimeException e) {
            // a bug here must cost this device its connection, not leave it half-handled
            LOG.warn("mqtt: closing the connection of twin {} after an internal error", twinId, e);
            close("internal_error", RC_IMPLEMENTATION_SPECIFIC);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onDecodeFailure(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            close("oversized", RC_PACKET_TOO_LARGE);
        } else if (cause instanceof MqttIdentifierRejectedException && !connected) {
            metrics.refused("client_id");
            write(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED).build());
            close(null, (byte) 0);
        } else if (cause instanceof MqttUnacceptableProtocolVersionException && !connected) {
            metrics.refused("protocol_version");
            write(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build());
            close(null, (byte) 0);
        } else {
            close("malformed", RC_MALFORMED_PACKET);
        }
    }

    private void onConnect(MqttConnectMessage m) {
        v5 = m.variableHeader().version() >= 5;
        String token = m.variableHeader().hasUserName() ? m.payload().userName() : null;
        if (token == null || token.isEmpty()) {
            refuse("no_username", v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        Optional<String> twin = ingress.twinOfToken(token);
        if (twin.isEmpty()) {
            refuse("bad_token", v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        twinId = twin.get();
        connected = true;
        metrics.connected();
        bucket = endpoint.bucket(twinId);
        String shadow = SHADOW_PREFIX + twinId + SHADOW_UPDATE;
        allowedFilters = Set.of(TB_RPC_REQUEST + "+", TB_ERRORS, shadow + "/accepted", shadow + "/rejected",
                shadow + "/delta", shadow + "/+", shadow + "/#");

        int asked = m.variableHeader().keepAliveTimeSeconds();
        int keepAlive = asked == 0 || asked > options.maxKeepAliveSeconds() ? options.maxKeepAliveSeconds() : asked;
        // the server allows one and a half keep-alive periods of silence (§3.1.2.10)
        so.channelHandlerContext().pipeline().replace("idle", "idle",
                new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));

        MqttMessageBuilders.ConnAckBuilder ack = MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false);
        if (v5) {
            ack.properties(p -> {
                p.maximumQos((byte) 1).receiveMaximum(options.maxInFlight())
                        .maximumPacketSize(options.maxMessageBytes() + 5L).retainAvailable(false)
                        .topicAliasMaximum(0).sharedSubscriptionAvailable(false)
                        .subscriptionIdentifiersAvailable(false).wildcardSubscriptionAvailable(true);
                if (keepAlive != asked) {
                    p.serverKeepAlive(keepAlive);
                }
            });
        }
        write(ack.build());

        // Takeover and attach under one lock, so that a twin's registration always belongs to its live connection.
        synchronized (TAKEOVER_LOCK) {
            DeviceConnection old = endpoint.live.put(twinId, this);
            if (old != null && old != this) {
                old.takenOver();
            }
            registration.set(ingress.attach(twinId, new Link()));
        }
    }

    private void refuse(String reason, MqttConnectReturnCode code) {
        metrics.refused(reason);
        write(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build());
        close(null, (byte) 0);
    }

    private void onPublish(MqttPublishMessage m) {
        MqttPublishVariableHeader header = m.variableHeader();
        String topic = header.topicName();
        Pending p = new Pending(header.packetId(), m.fixedHeader().qosLevel(), topic);
        byte[] payload = ByteBufUtil.getBytes(m.content());
        pending.addLast(p);
        if (!paused && pending.size() >= options.maxInFlight()) {
            paused = true;
            so.pause();
        }
        long now = System.nanoTime();
        if (!bucket.tryTake(now)) {
            Rejected limited = new Rejected(RejectReason.RATE_LIMITED, "more than " + options.ratePerSecond()
                    + " messages a second (burst " + options.burst() + ")", "");
            settle(p, () -> rejected(p, Reply.THINGSBOARD, limited, null));
            if (sustainedFlood(now)) {
                close("flood", RC_MESSAGE_RATE_TOO_HIGH);
            }
            return;
        }
        if (topic.equals(TB_TELEMETRY)) {
            ingest(p, IngestKind.TELEMETRY, payload, Reply.THINGSBOARD);
        } else if (topic.equals(TB_ATTRIBUTES)) {
            ingest(p, IngestKind.ATTRIBUTES, payload, Reply.THINGSBOARD);
        } else if (topic.startsWith(TB_RPC_RESPONSE)) {
            long requestId = parseId(topic.substring(TB_RPC_RESPONSE.length()));
            if (requestId < 0) {
                settle(p, () -> unknownTopic(p));
            } else {
                ingress.rpcResponse(twinId, requestId, payload);
                settle(p, () -> {
                    metrics.accepted();
                    ack(p, (byte) 0, null);
                });
            }
        } else if (isShadowUpdate(topic)) {
            String id = topic.substring(SHADOW_PREFIX.length(), topic.length() - SHADOW_UPDATE.length());
            if (id.equals(twinId)) {
                ingest(p, IngestKind.SHADOW, payload, Reply.SHADOW);
            } else {
                // a foreign twin's rejected topic cannot be subscribed to, so this goes to the error topic
                Rejected foreign = new Rejected(RejectReason.NOT_AUTHORISED,
                        "this device may only update twin " + twinId, "");
                settle(p, () -> rejected(p, Reply.THINGSBOARD, foreign, null));
            }
        } else {
            settle(p, () -> unknownTopic(p));
        }
    }

    private static boolean isShadowUpdate(String topic) {
        return topic.startsWith(SHADOW_PREFIX) && topic.endsWith(SHADOW_UPDATE)
                && topic.length() > SHADOW_PREFIX.length() + SHADOW_UPDATE.length()
                && topic.indexOf('/', SHADOW_PREFIX.length()) == topic.length() - SHADOW_UPDATE.length();
    }

    private static long parseId(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    /**
     * True once rate-limit rejections have kept coming, never more than a second apart, for
     * {@code floodDisconnect}.
     */
    private boolean sustainedFlood(long nowNanos) {
        if (floodSinceNanos == 0 || nowNanos - lastOverNanos > 1_000_000_000L) {
            floodSinceNanos = nowNanos;
        }
        lastOverNanos = nowNanos;
        return nowNanos - floodSinceNanos >= options.floodDisconnect().toNanos();
    }

    private void ingest(Pending p, IngestKind kind, byte[] payload, Reply reply) {
        CompletionStage<IngestResult> stage;
        try {
            stage = ingress.ingest(new IngestRequest(twinId, kind, payload, SOURCE));
        } catch (RuntimeException e) {
            stage = CompletableFuture.completedFuture(
                    new Rejected(RejectReason.OVERLOADED, "ingest failed: " + e.getMessage(), ""));
        }
        stage.whenComplete((r, t) -> {
            IngestResult result = t == null && r != null ? r
                    : new Rejected(RejectReason.OVERLOADED, "ingest failed: " + t, "");
            context.runOnContext(v -> settle(p, () -> outcome(p, reply, result, payload)));
        });
    }

    /** Records {@code p}'s outcome and runs every settled outcome at the head of the queue, in order. */
    private void settle(Pending p, Runnable outcome) {
        if (closed) {
            return;
        }
        p.outcome = outcome;
        while (!pending.isEmpty() && pending.peekFirst().outcome != null) {
            pending.pollFirst().outcome.run();
        }
        if (paused && !closed && pending.size() <= options.maxInFlight() / 2) {
            paused = false;
            so.resume();
        }
    }

    private void outcome(Pending p, Reply reply, IngestResult result, byte[] payload) {
        switch (result) {
            case Accepted a -> {
                metrics.accepted();
                ack(p, (byte) 0, null);
                if (reply == Reply.SHADOW) {
                    JsonNode body = a.shadowAccepted() != null ? a.shadowAccepted()
                            : JSON.createObjectNode().put("version", a.version());
                    deliver(shadowTopic("accepted"), body);
                }
            }
            case Rejected r -> rejected(p, reply, r, payload);
        }
    }

    private void rejected(Pending p, Reply reply, Rejected r, byte[] payload) {
        metrics.rejected(r.reason().name());
        if (r.reason().isTransient()) {
            // 3.1.1: no PUBACK, so the device keeps the message and sends it again. 5: the reason code tells it.
            if (v5) {
                ack(p, reasonCode(r.reason()), r.reason().code() + ": " + r.message());
            }
            return;
        }
        // Permanent: acknowledged so that it is not redelivered forever, and reported.
        ack(p, reasonCode(r.reason()), r.reason().code() + ": " + r.message());
        ObjectNode body = JSON.createObjectNode().put("code", r.reason().code()).put("message", r.message())
                .put("pointer", r.pointer());
        if (reply == Reply.SHADOW) {
            String clientToken = clientToken(payload);
            if (clientToken != null) {
                body.put("clientToken", clientToken);
            }
            deliver(shadowTopic("rejected"), body);
        } else {
            reportError(p, body);
        }
    }

    private void unknownTopic(Pending p) {
        metrics.rejected("unknown_topic");
        // MQTT-3.3.5-2: either acknowledge or close. Acknowledging keeps the device's other topics flowing.
        ack(p, RC_TOPIC_NAME_INVALID, "mqtt:topic.unknown");
        reportError(p, JSON.createObjectNode().put("code", "mqtt:topic.unknown")
                .put("message", "no such topic for devices: " + p.topic).put("pointer", ""));
    }

    private void reportError(Pending p, ObjectNode body) {
        body.put("topic", p.topic);
        if (p.qos != MqttQoS.AT_MOST_ONCE) {
            body.put("packetId", p.packetId);
        }
        deliver(TB_ERRORS, body);
    }

    private static String clientToken(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode token = JSON.readTree(payload).path("clientToken");
            return token.isTextual() ? token.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte reasonCode(RejectReason reason) {
        return switch (reason) {
            case MALFORMED, INVALID, CLOCK_SKEW -> RC_PAYLOAD_FORMAT_INVALID;
            case NOT_AUTHORISED, UNKNOWN_TWIN -> RC_NOT_AUTHORIZED;
            case RATE_LIMITED -> RC_QUOTA_EXCEEDED;
            case OVERLOADED -> RC_IMPLEMENTATION_SPECIFIC;
        };
    }

    /** PUBACK (or PUBREC for QoS 2); MQTT 5 clients also get {@code reason} and a reason string. */
    private void ack(Pending p, byte reason, String reasonString) {
        if (p.qos == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        byte code = v5 ? reason : 0;
        if (v5 && reason != 0 && reasonString != null) {
            props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reasonString));
        }
        MqttMessageType type = p.qos == MqttQoS.EXACTLY_ONCE ? MqttMessageType.PUBREC : MqttMessageType.PUBACK;
        write(new MqttMessage(fixed(type), new MqttPubReplyMessageVariableHeader(p.packetId, code, props)));
    }

    private void onSubscribe(MqttSubscribeMessage m) {
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck()
                .packetId(m.variableHeader().messageId());
        for (MqttTopicSubscription s : m.payload().topicSubscriptions()) {
            String filter = s.topicFilter();
            if (allowedFilters.contains(filter)) {
                MqttQoS granted = s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE
                        : MqttQoS.AT_LEAST_ONCE;
                subscriptions.removeIf(sub -> sub.filter().filter().equals(filter));
                subscriptions.add(new Subscription(TopicFilter.of(filter), granted));
                ack.addGrantedQos(granted);
            } else {
                ack.addGrantedQos(MqttQoS.FAILURE);
            }
        }
        write(ack.build());
    }

    private void onUnsubscribe(MqttUnsubscribeMessage m) {
        MqttMessageBuilders.UnsubAckBuilder ack = MqttMessageBuilders.unsubAck()
                .packetId(m.variableHeader().messageId());
        for (String filter : m.payload().topics()) {
            boolean had = subscriptions.removeIf(sub -> sub.filter().filter().equals(filter));
            if (v5) {
                ack.addReasonCode(had ? (short) 0x00 : (short) 0x11);
            }
        }
        write(ack.build());
    }

    // ---------------------------------------------------------------- downlink

    /** Receives the twin service's downlink on its partition thread and hands it to the event loop. */
    private final class Link implements DeviceIngress.DeviceLink {
        @Override
        public void rpcRequest(long requestId, String method, JsonNode params) {
            context.runOnContext(v -> deliver(TB_RPC_REQUEST + requestId, JSON.createObjectNode()
                    .put("method", method).set("params", params == null ? NullNode.getInstance() : params)));
        }

        @Override
        public void desiredDelta(JsonNode delta, long version) {
            context.runOnContext(v -> {
                ObjectNode body = JSON.createObjectNode();
                body.set("state", delta);
                body.put("version", version);
                deliver(shadowTopic("delta"), body);
            });
        }
    }

    private String shadowTopic(String suffix) {
        return SHADOW_PREFIX + twinId + SHADOW_UPDATE + "/" + suffix;
    }

    /** Publishes to the device when it subscribed to {@code topic}, at the QoS it was granted. */
    private void deliver(String topic, JsonNode body) {
        if (closed) {
            return;
        }
        Subscription match = null;
        for (Subscription s : subscriptions) {
            if (s.filter().matches(topic)) {
                match = s;
                break;
            }
        }
        if (match == null) {
            return;
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + topic + " body", e);
        }
        int packetId = 0;
        if (match.qos() != MqttQoS.AT_MOST_ONCE) {
            nextPacketId = nextPacketId % 65535 + 1;
            packetId = nextPacketId;
        }
        write(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, match.qos(), false, 0),
                new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(bytes)));
    }

    // ---------------------------------------------------------------- lifecycle

    void idle() {
        context.runOnContext(v -> close(connected ? "keepalive" : "connect_timeout", RC_KEEP_ALIVE_TIMEOUT));
    }

    /** Another connection of the same twin replaced this one. Called under the takeover lock, on its thread. */
    private void takenOver() {
        releaseRegistration();
        context.runOnContext(v -> close("takeover", RC_SESSION_TAKEN_OVER));
    }

    /** {@code shutdown} (MQTT 5: DISCONNECT 0x8B server shutting down) or {@code revoked} (0x87 not authorized). */
    void closeFromAnyThread(String reason) {
        byte code = reason.equals("shutdown") ? RC_SERVER_SHUTTING_DOWN : RC_NOT_AUTHORIZED;
        context.runOnContext(v -> close(reason, code));
    }

    /** Closes the socket; {@code reason} (when not null) is counted, and MQTT 5 devices get {@code v5Reason}. */
    private void close(String reason, byte v5Reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (reason != null) {
            metrics.closedBecause(reason);
        }
        if (v5 && connected && v5Reason != 0) {
            write(MqttMessageBuilders.disconnect().reasonCode(v5Reason).build());
        }
        so.close();
    }

    private void onClosed() {
        closed = true;
        pending.clear();
        endpoint.forget(this);
        if (connected) {
            connected = false;
            metrics.disconnected();
            synchronized (TAKEOVER_LOCK) {
                endpoint.live.remove(twinId, this);
                releaseRegistration();
            }
        }
    }

    private void releaseRegistration() {
        DeviceIngress.Registration r = registration.getAndSet(null);
        if (r != null) {
            r.close();
        }
    }

    private void write(Object message) {
        so.writeMessage(message);
    }

    private static MqttFixedHeader fixed(MqttMessageType type) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
    }
}
