package org.pujiang.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLTransientException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jdbi.v3.core.ConnectionException;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the HTTP verticles share: the routes, auth, the database for health checks, metrics.
 * Builds one {@link Router} per verticle. API handlers run on worker threads through
 * {@code executeBlocking}; the event loop only parses, routes and writes.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String ROUTE_KEY = "pujiang.route";
    private static final String JSON = "application/json; charset=utf-8";

    private final ApiRoutes routes;
    private final AuthService auth;
    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final RequestObserver observer;
    private final int maxBodyBytes;
    private final String version;
    private final long startedAt = System.currentTimeMillis();
    private final Buffer openApi;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final List<Map.Entry<Pattern, String>> templates;

    public HttpApi(ApiRoutes routes, AuthService auth, Database database, PrometheusMeterRegistry metrics,
            int maxBodyBytes, boolean accessLog, String version) {
        this.routes = routes;
        this.auth = auth;
        this.database = database;
        this.metrics = metrics;
        this.observer = new RequestObserver(metrics, accessLog);
        this.maxBodyBytes = maxBodyBytes;
        this.version = version;
        this.openApi = Buffer.buffer(resource("/openapi.json"));
        this.templates = routes.routes().stream()
                .map(r -> Map.entry(Pattern.compile(r.path().replaceAll(":[A-Za-z]+", "[^/]+")), r.path()))
                .toList();
    }

    /** From now on health answers 503, so that load balancers stop sending traffic during shutdown. */
    public void startDraining() {
        draining.set(true);
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(this::observe);
        if (HttpApi.class.getResource("/web/index.html") != null) {
            webClient(r);
        } else {
            // a jar built without pujiang-web (its npm build skipped) still answers at /
            r.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> respond(ctx, "/", 200, "text/html; charset=utf-8", Buffer.buffer(LANDING)));
        }
        r.get("/metrics").handler(ctx -> respond(ctx, "/metrics", 200,
                "text/plain; version=0.0.4; charset=utf-8", Buffer.buffer(metrics.scrape())));
        r.get("/api/health").handler(this::health);
        r.get("/api/openapi.json").handler(ctx -> respond(ctx, "/api/openapi.json", 200, JSON, openApi));
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        for (ApiRoutes.Route route : routes.routes()) {
            Handler<RoutingContext> body = route.uploadBytes() == 0 ? bodies : rawBody(route.uploadBytes());
            r.route(route.method(), route.path()).handler(body).handler(ctx -> dispatch(ctx, route));
        }
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500}) {
            r.errorHandler(status, ctx -> routingError(ctx, status));
        }
        return r;
    }

    /**
     * The browser client (pujiang-web, bundled in the jar under {@code web/}): its pages answer
     * index.html, which routes on the client; Vite's content-hashed bundles are cached for a year, other
     * files (models, images) for an hour.
     */
    private void webClient(Router r) {
        Buffer index = Buffer.buffer(resource("/web/index.html"));
        Handler<RoutingContext> page = ctx -> {
            ctx.put(ROUTE_KEY, "/ (web client page)");
            ctx.response().setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(index);
        };
        // HEAD too: link checkers, proxies and uptime monitors ask with it
        r.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        r.routeWithRegex("/(login|lobby|s/[^/]+)").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        StaticHandler hashed = StaticHandler.create("web").setCachingEnabled(true).setMaxAgeSeconds(365L * 24 * 3600)
                .setDirectoryListing(false).setIncludeHidden(false);
        StaticHandler files = StaticHandler.create("web").setCachingEnabled(true).setMaxAgeSeconds(3600)
                .setDirectoryListing(false).setIncludeHidden(false);
        r.routeWithRegex("/assets/[^/]+-[A-Za-z0-9_-]{8}\\.(js|css)").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> {
            ctx.put(ROUTE_KEY, "/assets/* (web client bundle)");
            ctx.next();
        }).handler(hashed);
        r.routeWithRegex("/(assets/.+|[^/]+\\.(svg|ico|png|txt|webmanifest))").method(HttpMethod.GET)
                .method(HttpMethod.HEAD).handler(ctx -> {
            ctx.put(ROUTE_KEY, "/assets/* (web client file)");
            ctx.next();
        }).handler(files);
    }

    private void observe(RoutingContext ctx) {
        long start = System.nanoTime();
        String requestId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ctx.put("pujiang.requestId", requestId);
        ctx.response().putHeader("X-Request-Id", requestId);
        observer.started();
        ctx.addEndHandler(v -> {
            String route = ctx.get(ROUTE_KEY);
            if (route == null) {
                route = templateOf(ctx.request().path()); // failed before dispatch, e.g. a 413 from the body handler
            }
            observer.finished(ctx.request().method().name(), route,
                    ctx.request().path(), ctx.response().getStatusCode(), System.nanoTime() - start,
                    remote(ctx), requestId);
        });
        ctx.next();
    }

    private String templateOf(String path) {
        for (Map.Entry<Pattern, String> t : templates) {
            if (t.getKey().matcher(path).matches()) {
                return t.getValue();
            }
        }
        return "unmatched";
    }

    private void health(RoutingContext ctx) {
        ctx.put(ROUTE_KEY, "/api/health");
        ctx.vertx().executeBlocking(() -> database.ping(2), false).onComplete(ar -> {
            boolean dbUp = ar.succeeded() && ar.result();
            boolean up = dbUp && !draining.get();
            JsonObject body = new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("db", dbUp ? "UP" : "DOWN")
                    .put("version", version)
                    .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000);
            if (!up) {
                body.put("error", ErrorCode.DB_UNAVAILABLE.code())
                        .put("message", draining.get() ? "the server is shutting down" : "the database does not answer");
            }
            respond(ctx, "/api/health", up ? 200 : 503, JSON, body.toBuffer());
        });
    }

    private void dispatch(RoutingContext ctx, ApiRoutes.Route route) {
        ctx.put(ROUTE_KEY, route.path());
        Call call;
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        try {
            call = new Call(ctx.request().method().name(), route.path(), new HashMap<>(ctx.pathParams()),
                    ctx.queryParams(), ctx.request().getHeader(HttpHeaders.CONTENT_TYPE),
                    route.uploadBytes() > 0 ? ctx.get(RAW_BODY) : ctx.body() == null ? null : ctx.body().buffer(),
                    remote(ctx), ctx.request().getHeader(HttpHeaders.USER_AGENT), null, authorization,
                    io.vertx.core.MultiMap.caseInsensitiveMultiMap(), List.of());
        } catch (HttpException | IllegalArgumentException e) {
            fail(ctx, new ApiException(ErrorCode.QUERY_INVALID, "the query string is malformed"));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            Call withSession = route.uploadBytes() > 0 ? call.withUploads() : call;
            if (route.needsSession()) {
                withSession = withSession.withSession(auth.authenticate(bearer(authorization)));
            }
            Reply reply = route.handler().handle(withSession);
            // Encode here, on the worker, so that the event loop only writes bytes.
            return switch (reply.body()) {
                case null -> reply;
                case JsonObject o -> new Reply(reply.status(), o.toBuffer());
                case Buffer b -> reply;
                case Reply.Raw raw -> reply;
                default -> new Reply(reply.status(), Buffer.buffer(reply.body().toString()));
            };
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                Reply reply = ar.result();
                if (reply.body() == null) {
                    ctx.response().setStatusCode(reply.status())
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end();
                } else if (reply.body() instanceof Reply.Raw raw) {
                    respond(ctx, route.path(), reply.status(), raw.contentType(), raw.bytes(), raw.cacheControl());
                } else {
                    respond(ctx, route.path(), reply.status(), JSON, (Buffer) reply.body());
                }
            } else {
                fail(ctx, ar.cause());
            }
        });
    }

    private static final String RAW_BODY = "pujiang.rawBody";

    /**
     * Collects an upload route's whole body, up to {@code limit} bytes (413 beyond), for {@link Multipart} to parse.
     * Not Vert.x's BodyHandler: its multipart decoder (Netty's) corrupts a file by a byte when a network chunk ends
     * inside the line end before a delimiter.
     */
    private Handler<RoutingContext> rawBody(long limit) {
        return ctx -> {
            HttpServerRequest req = ctx.request();
            String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit) {
                ctx.fail(413);
                return;
            }
            Buffer body = Buffer.buffer();
            boolean[] tooLarge = {false};
            req.handler(chunk -> {
                if (tooLarge[0]) {
                    return;
                }
                if (body.length() + chunk.length() > limit) {
                    tooLarge[0] = true;
                    ctx.fail(413);
                    return;
                }
                body.appendBuffer(chunk);
            });
            req.exceptionHandler(e -> {
                if (!ctx.failed()) {
                    ctx.fail(400, e);
                }
            });
            req.endHandler(v -> {
                if (!tooLarge[0]) {
                    ctx.put(RAW_BODY, body);
                    ctx.next();
                }
            });
            req.resume();
        };
    }

    /** The body limit of the route a request was for: an upload route's own, or the server-wide one. */
    private long bodyLimit(RoutingContext ctx) {
        for (ApiRoutes.Route route : routes.routes()) {
            if (route.uploadBytes() > 0 && route.method().equals(ctx.request().method())
                    && ctx.request().path().matches(route.path().replaceAll(":[A-Za-z]+", "[^/]+"))) {
                return route.uploadBytes();
            }
        }
        return maxBodyBytes;
    }

    private void fail(RoutingContext ctx, Throwable cause) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (cause instanceof ApiException e) {
            JsonObject body = error(e.error(), e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            if (!e.problems().isEmpty()) {
                JsonArray problems = new JsonArray();
                for (ApiException.Problem p : e.problems()) {
                    problems.add(new JsonObject().put("pointer", p.pointer()).put("message", p.message()));
                }
                body.put("errors", problems);
            }
            if (e.retryAfter() != null) {
                ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            }
            respond(ctx, null, e.error().status(), JSON, body.toBuffer());
        } else if (isDatabaseDown(cause)) {
            log.warn("request {} failed: database unavailable: {}", ctx.get("pujiang.requestId"), cause.toString());
            respond(ctx, null, 503, JSON, error(ErrorCode.DB_UNAVAILABLE,
                    "the database does not answer; try again shortly").toBuffer());
        } else {
            String id = ctx.get("pujiang.requestId");
            log.error("request {} {} {} failed", id, ctx.request().method(), ctx.request().path(), cause);
            respond(ctx, null, 500, JSON, error(ErrorCode.INTERNAL,
                    "an internal error occurred; quote request id " + id + " when reporting it").toBuffer());
        }
    }

    private void routingError(RoutingContext ctx, int status) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.MEDIA_TYPE_UNSUPPORTED;
            case 400, 414, 431 -> ErrorCode.QUERY_INVALID;
            default -> ErrorCode.INTERNAL;
        };
        String message = switch (status) {
            case 404 -> "no such resource: " + ctx.request().path();
            case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "the request body is larger than the limit of " + bodyLimit(ctx) + " bytes";
            case 500 -> "an internal error occurred; quote request id " + ctx.get("pujiang.requestId");
            default -> "the request is malformed";
        };
        if (status == 500 && ctx.failure() != null) {
            log.error("request {} failed", (Object) ctx.get("pujiang.requestId"), ctx.failure());
        }
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(code.status());
        respond(ctx, null, code.status(), JSON, error(code, message).toBuffer());
    }

    private static JsonObject error(ErrorCode code, String message) {
        return new JsonObject().put("error", code.code()).put("message", message);
    }

    private void respond(RoutingContext ctx, String route, int status, String contentType, Buffer body) {
        respond(ctx, route, status, contentType, body, "no-store");
    }

    private void respond(RoutingContext ctx, String route, int status, String contentType, Buffer body,
            String cacheControl) {
        if (route != null) {
            ctx.put(ROUTE_KEY, route);
        }
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .end(body);
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return a.substring(7).strip();
        }
        throw new ApiException(ErrorCode.TOKEN_INVALID, "the Authorization header must be 'Bearer <token>'");
    }

    private static String remote(RoutingContext ctx) {
        var addr = ctx.request().remoteAddress();
        return addr == null ? "-" : addr.hostAddress();
    }

    private static boolean isDatabaseDown(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectionException || c instanceof SQLTransientException) {
                return true;
            }
            String name = c.getClass().getName().toLowerCase(Locale.ROOT);
            if (name.contains("connectexception")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] resource(String name) {
        try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String LANDING = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Pujiang</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
            <h1>Pujiang 浦江</h1>
            <p>The server is running. The REST API lives under <code>/api</code>; its OpenAPI document is at
            <a href="/api/openapi.json">/api/openapi.json</a>, health at <a href="/api/health">/api/health</a>
            and Prometheus metrics at <a href="/metrics">/metrics</a>.</p>
            </body></html>
            """;
}
