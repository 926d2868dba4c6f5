package org.pujiang.server.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.pujiang.protocol.Frames;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.space.SpaceService;

/**
 * The real-time endpoint: WebSocket upgrades at {@value #PATH} on the HTTP servers, one
 * {@link Connection} per socket. Shared by every HTTP verticle; each connection lives on the event
 * loop that accepted it. Thread-safe.
 */
public final class Gateway {
    public static final String PATH = "/ws";
    /**
     * Frames up to this size reach the gateway, which refuses those over {@link Frames#MAX_CLIENT_FRAME_BYTES}
     * with Goodbye(TOO_LARGE); beyond it the transport closes the socket (status 1009) by itself.
     */
    static final int TRANSPORT_FRAME_MAX = 64 * 1024;

    final AuthService auth;
    final SpaceService spaces;
    final LiveSpaces live;
    final RealtimeMetrics metrics;
    final Duration helloTimeout;
    final Duration pingInterval;
    final SpaceTwins twins;
    private final AtomicLong clientIds = new AtomicLong();

    /**
     * @param pingInterval how often a connection is pinged; one that sends nothing (no frame, no pong)
     *     for three intervals is closed, and its avatar waits for a resume
     */
    public Gateway(AuthService auth, SpaceService spaces, LiveSpaces live, MeterRegistry registry,
            Duration helloTimeout, Duration pingInterval) {
        this(auth, spaces, live, registry, helloTimeout, pingInterval, SpaceTwins.NONE);
    }

    /** @param twins the twins shown in spaces: their state for joiners and their commands */
    public Gateway(AuthService auth, SpaceService spaces, LiveSpaces live, MeterRegistry registry,
            Duration helloTimeout, Duration pingInterval, SpaceTwins twins) {
        this.twins = twins;
        this.pingInterval = pingInterval;
        this.auth = auth;
        this.spaces = spaces;
        this.live = live;
        this.metrics = new RealtimeMetrics(registry);
        this.helloTimeout = helloTimeout;
    }

    /** Sets the WebSocket limits the gateway relies on. */
    public static HttpServerOptions configure(HttpServerOptions options) {
        // A message over the message limit reaches the exception handler (and gets TOO_LARGE); a single
        // frame over the frame limit is refused by the transport.
        // No permessage-deflate: quantised State frames hardly compress, and deflating every frame for
        // every client would cost more CPU than the whole tick.
        return options.setMaxWebSocketFrameSize(TRANSPORT_FRAME_MAX)
                .setMaxWebSocketMessageSize(Frames.MAX_CLIENT_FRAME_BYTES)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
    }

    /** Accepts upgrades at {@value #PATH} only. Event loop. */
    public void handshake(ServerWebSocketHandshake handshake) {
        if (PATH.equals(handshake.path())) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }

    /** Takes an accepted socket. Event loop. */
    public void accept(ServerWebSocket ws) {
        new Connection(this, ws).start();
    }

    long nextClientId() {
        return clientIds.incrementAndGet();
    }
}
