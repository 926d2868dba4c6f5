package org.pujiang.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.pujiang.server.realtime.Gateway;

/**
 * One HTTP server on one event loop, with the REST API and the real-time WebSocket endpoint. Several instances listen on the same port and Vert.x spreads
 * connections across them. Stopping the verticle stops accepting and lets in-flight requests
 * finish within the grace period.
 */
public final class ApiVerticle extends VerticleBase {
    private final HttpApi api;
    private final String host;
    private final int port;
    private final Duration grace;
    private final Gateway gateway;
    private HttpServer server;

    public ApiVerticle(HttpApi api, Gateway gateway, String host, int port, Duration grace) {
        this.api = api;
        this.gateway = gateway;
        this.host = host;
        this.port = port;
        this.grace = grace;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(true)
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(16384)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        // WebSocket upgrades bypass the router: the real-time gateway takes /ws (docs/protocol.md)
        server = vertx.createHttpServer(Gateway.configure(options))
                .requestHandler(api.router(vertx))
                .webSocketHandshakeHandler(gateway::handshake)
                .webSocketHandler(gateway::accept);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port bound, useful when 0 was asked for. */
    public int actualPort() {
        return server.actualPort();
    }
}
