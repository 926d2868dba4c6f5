package org.pujiang.server.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.pujiang.server.twin.ingress.DeviceIngress;

/**
 * The MQTT device endpoint: devices connect with their token as the CONNECT username and publish telemetry,
 * attributes and shadow updates (ThingsBoard-style {@code v1/devices/me/...} and shadow-style
 * {@code twins/{id}/update} topics, see docs/mqtt.md); RPC requests and desired deltas travel down to them.
 *
 * <p>MQTT 3.1.1 and 5 over TCP, on Netty's MQTT codec inside a Vert.x {@link NetServer}. vertx-mqtt's own
 * {@code MqttServer} is not used because it drops a CONNECT username that comes without a password, which is how
 * ThingsBoard devices send their token. Each connection lives on one event loop; nothing here blocks. Sessions are
 * not kept: every CONNACK says "no session present" and nothing is queued for an absent device.
 *
 * <p>Start with {@link #start}; {@link #close()} stops listening and drops every connection.
 */
public final class MqttEndpoint {
    /** MQTT 3.1 allowed 23 characters; 3.1.1 and 5 leave it to the server (the token, not the id, names the device). */
    private static final int MAX_CLIENT_ID_LENGTH = 256;

    /**
     * @param host interface to listen on
     * @param port TCP port; {@code 0} means MQTT is off (start listens nowhere), {@link #ANY_PORT} a free port
     * @param maxMessageBytes the largest MQTT packet (remaining length) a device may send; larger closes the
     *     connection
     * @param ratePerSecond per-device sustained PUBLISH rate
     * @param burst per-device PUBLISH burst
     * @param floodDisconnect a device rate-limited in every second for longer than this is disconnected
     * @param maxKeepAliveSeconds keep-alive used when a device asks for none (0) or for more than this
     * @param maxInFlight PUBLISH packets per connection awaiting their outcome before the socket stops reading
     * @param connectTimeout how long a new socket may take to send CONNECT
     */
    public record Options(String host, int port, int maxMessageBytes, double ratePerSecond, int burst,
            Duration floodDisconnect, int maxKeepAliveSeconds, int maxInFlight, Duration connectTimeout) {
        /** Port value for "any free port" (tests). */
        public static final int ANY_PORT = -1;

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(floodDisconnect, "floodDisconnect");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (port < ANY_PORT || port > 65535) {
                throw new IllegalArgumentException("mqtt port must be 0..65535 (or -1 for any), got " + port);
            }
            if (maxMessageBytes < 64 || maxMessageBytes > 268_435_455) {
                throw new IllegalArgumentException("mqtt max message bytes must be 64..268435455, got " + maxMessageBytes);
            }
            if (!(ratePerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("mqtt rate must be > 0 and burst >= 1, got rate=" + ratePerSecond
                        + ", burst=" + burst);
            }
            if (floodDisconnect.toSeconds() < 1) {
                throw new IllegalArgumentException("mqtt flood disconnect must be at least 1 s, got " + floodDisconnect);
            }
            if (maxKeepAliveSeconds < 1 || maxKeepAliveSeconds > 65535) {
                throw new IllegalArgumentException("mqtt max keep-alive must be 1..65535 s, got " + maxKeepAliveSeconds);
            }
            if (maxInFlight < 1 || maxInFlight > 65535) {
                throw new IllegalArgumentException("mqtt max in-flight must be 1..65535, got " + maxInFlight);
            }
            if (connectTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("mqtt connect timeout must be positive, got " + connectTimeout);
            }
        }

        /** Port 1883 on all interfaces, 64 KiB packets, 50 msg/s burst 100, flood cut-off 10 s, keep-alive ≤ 300 s. */
        public static Options defaults() {
            return new Options("0.0.0.0", 1883, 64 * 1024, 50, 100, Duration.ofSeconds(10), 300, 32,
                    Duration.ofSeconds(10));
        }

        public Options withHost(String host) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }

        public Options withPort(int port) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }

        public Options withMaxMessageBytes(int maxMessageBytes) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }

        public Options withRate(double ratePerSecond, int burst, Duration floodDisconnect) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }

        public Options withKeepAlive(int maxKeepAliveSeconds, Duration connectTimeout) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }

        public Options withMaxInFlight(int maxInFlight) {
            return new Options(host, port, maxMessageBytes, ratePerSecond, burst, floodDisconnect,
                    maxKeepAliveSeconds, maxInFlight, connectTimeout);
        }
    }

    private final Vertx vertx;
    private final Options options;
    private final DeviceIngress ingress;
    private final MqttMetrics metrics;
    private final NetServer server;
    /** The live connection of each twin: a second CONNECT for the same twin takes its place. */
    final ConcurrentMap<String, DeviceConnection> live = new ConcurrentHashMap<>();
    /** Per-twin buckets outlive connections, so reconnecting does not refill them. */
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<DeviceConnection, Boolean> sockets = new ConcurrentHashMap<>();

    private MqttEndpoint(Vertx vertx, Options options, DeviceIngress ingress, MeterRegistry registry) {
        this.vertx = vertx;
        this.options = options;
        this.ingress = ingress;
        this.metrics = new MqttMetrics(registry);
        this.server = options.port() == 0 ? null
                : vertx.createNetServer(new NetServerOptions().setHost(options.host()).setTcpNoDelay(true));
    }

    /**
     * Starts listening (unless {@code options.port()} is 0, when the endpoint is off and the future completes at
     * once). The future fails when the port cannot be bound.
     */
    public static Future<MqttEndpoint> start(Vertx vertx, Options options, DeviceIngress ingress,
            MeterRegistry metrics) {
        MqttEndpoint endpoint = new MqttEndpoint(vertx, options, ingress, metrics);
        if (endpoint.server == null) {
            return Future.succeededFuture(endpoint);
        }
        endpoint.server.connectHandler(endpoint::accept);
        int port = options.port() == Options.ANY_PORT ? 0 : options.port();
        return endpoint.server.listen(port, options.host()).map(endpoint);
    }

    /** The bound port; 0 when the endpoint is off. */
    public int actualPort() {
        return server == null ? 0 : server.actualPort();
    }

    /** Devices connected now (past CONNECT). */
    public int connections() {
        return metrics.connections();
    }

    /**
     * Closes the connection of {@code twinId}, if it has one: call it when the twin's token is revoked or the twin
     * deleted. Any thread. Returns whether there was a connection.
     */
    public boolean disconnect(String twinId) {
        DeviceConnection c = live.get(twinId);
        if (c == null) {
            return false;
        }
        c.closeFromAnyThread("revoked");
        return true;
    }

    /** Stops listening and closes every connection; their registrations are closed as they go. */
    public Future<Void> close() {
        if (server == null) {
            return Future.succeededFuture();
        }
        Future<Void> closed = server.close();
        for (DeviceConnection c : new ArrayList<>(sockets.keySet())) {
            c.closeFromAnyThread("shutdown");
        }
        return closed;
    }

    private void accept(io.vertx.core.net.NetSocket socket) {
        NetSocketInternal so = (NetSocketInternal) socket;
        ChannelPipeline pipeline = so.channelHandlerContext().pipeline();
        DeviceConnection conn = new DeviceConnection(this, so, vertx.getOrCreateContext());
        sockets.put(conn, Boolean.TRUE);
        // Counts every byte, also those of packets the decoder later refuses.
        pipeline.addBefore("handler", "mqttBytes", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf) {
                    metrics.bytes(buf.readableBytes());
                }
                ctx.fireChannelRead(msg);
            }
        });
        pipeline.addBefore("handler", "mqttEncoder", MqttEncoder.INSTANCE);
        // Netty's decoder refuses a packet whose remaining length is over the limit before buffering it
        pipeline.addBefore("handler", "mqttDecoder", new MqttDecoder(options.maxMessageBytes(), MAX_CLIENT_ID_LENGTH));
        pipeline.addBefore("handler", "idle", new IdleStateHandler(options.connectTimeout().toMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        pipeline.addBefore("handler", "idleClose", new ChannelDuplexHandler() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof IdleStateEvent) {
                    conn.idle();
                } else {
                    super.userEventTriggered(ctx, evt);
                }
            }
        });
        conn.start();
    }

    void forget(DeviceConnection conn) {
        sockets.remove(conn);
    }

    Options options() {
        return options;
    }

    DeviceIngress ingress() {
        return ingress;
    }

    MqttMetrics metrics() {
        return metrics;
    }

    TokenBucket bucket(String twinId) {
        return buckets.computeIfAbsent(twinId, id -> new TokenBucket(options.ratePerSecond(), options.burst(),
                System.nanoTime()));
    }
}
