package org.pujiang.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code pujiang-bench http}: a closed-loop HTTP/1.1 load generator. It opens exactly
 * {@code --connections} keep-alive connections and keeps one request in flight on each: the next
 * request on a connection leaves when the previous answer has been read in full. Latency is
 * recorded in an HdrHistogram (microseconds, 3 significant digits) for the 2xx answers that
 * complete after the warm-up; non-2xx answers and failed requests are counted as errors by kind.
 *
 * <p>What a closed loop measures: the throughput the server sustains at a fixed concurrency, and
 * the latency each of those N clients sees. It does <em>not</em> measure latency under a given
 * arrival rate. When the server slows down, the loop slows down with it and sends fewer requests,
 * so the requests that would have queued behind a stall are never sent and never measured
 * ("coordinated omission"); under overload its percentiles understate the latency that an open
 * stream of users would see. Use an open-loop (constant-rate) generator for that question.
 *
 * <p>It expects an HTTP/1.1 server that keeps connections open. When one closes (a
 * {@code Connection: close} answer, or the socket closing), the worker opens a new connection and
 * counts a reconnect; a request that fails on a closed connection counts as an error. An HTTP/1.0
 * server that closes after every answer therefore shows one error per answer.
 *
 * <p>Threading: each connection is bound to one client event loop, and its requests and callbacks
 * run there; the counters and the {@link Recorder} are safe to update from any thread.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = {
            "Closed-loop HTTP/1.1 load: N keep-alive connections, one request in flight on each.",
            "Reports 2xx throughput, latency percentiles of the 2xx answers after warm-up, and errors.",
            "A closed loop measures throughput at a fixed concurrency; under overload it understates latency "
                    + "(coordinated omission)."
        })
public final class HttpLoad implements Callable<Integer> {
    /** Longest latency the histogram holds; longer ones are clamped to it (the request timeout is far below). */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final long RECONNECT_PAUSE_MS = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "http://host:port/path?query")
    URI url;

    @Option(names = {"-c", "--connections"}, defaultValue = "50", paramLabel = "N",
            description = "Connections, each with one request in flight. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-d", "--duration"}, defaultValue = "30s", converter = Durations.Converter.class,
            paramLabel = "TIME",
            description = "Measured time after the warm-up, e.g. 30s, 2m. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = {"-w", "--warmup"}, defaultValue = "5s", converter = Durations.Converter.class,
            paramLabel = "TIME", description = "Load sent but not measured first. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-m", "--method"}, defaultValue = "GET", paramLabel = "METHOD",
            description = "Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--body", paramLabel = "TEXT", description = "Request body, sent as is with every request.")
    String body;

    @Option(names = {"-t", "--threads"}, defaultValue = "1", paramLabel = "N",
            description = "Client event loops; connections are spread over them. Default: ${DEFAULT-VALUE}, which "
                    + "leaves the other cores to the server when both run on one machine.")
    int threads;

    @Option(names = "--timeout", defaultValue = "30s", converter = Durations.Converter.class, paramLabel = "TIME",
            description = "A request with no answer for this long fails and its connection is reopened. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--url must be an http:// URL with a host, got " + url);
        }
        if (connections < 1 || threads < 1 || duration.isZero() || timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--connections, --threads, --duration and --timeout must be positive");
        }
        RequestOptions request = request();
        HttpConnectOptions connect = new HttpConnectOptions().setHost(url.getHost()).setPort(port())
                .setConnectTimeout(timeout.toMillis());

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads).setWorkerPoolSize(1));
        try {
            HttpClientAgent client = vertx.httpClientBuilder()
                    .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                            .setPipelining(false).setTcpNoDelay(true))
                    .build();
            List<Future<HttpClientConnection>> opening = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                opening.add(client.connect(connect));
            }
            try {
                Future.all(opening).await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                System.err.println("pujiang-bench: cannot open " + connections + " connections to " + url.getHost()
                        + ":" + port() + ": " + e);
                return 1;
            }

            // The clock starts once every connection is open, so connecting is never measured.
            long start = System.nanoTime();
            Run run = new Run(vertx, client, connect, request, body == null ? null : Buffer.buffer(body),
                    start + warmup.toNanos(), start + warmup.toNanos() + duration.toNanos(), connections);
            for (Future<HttpClientConnection> c : opening) {
                run.new Worker(c.result()).next();
            }
            // Each worker ends after its last request answers or times out.
            long boundMs = warmup.toMillis() + duration.toMillis() + 2 * timeout.toMillis() + 10_000;
            if (!run.finished.await(boundMs, TimeUnit.MILLISECONDS)) {
                System.err.println("pujiang-bench: " + run.finished.getCount() + " connections did not finish in time");
            }
            LoadReport report = run.report(this);
            System.out.print(report.toText());
            if (json != null) {
                Files.writeString(json, report.toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
            }
            return report.ok() == 0 ? 1 : 0;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private int port() {
        return url.getPort() > 0 ? url.getPort() : 80;
    }

    private RequestOptions request() {
        String uri = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                .setHost(url.getHost())
                .setPort(port())
                .setURI(uri)
                .setIdleTimeout(timeout.toMillis());
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--header must look like 'Name: value', got '" + h + "'");
            }
            options.putHeader(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        return options;
    }

    /** The shared state of one run: schedule, counters, histogram. */
    private static final class Run {
        final Vertx vertx;
        final HttpClientAgent client;
        final HttpConnectOptions connect;
        final RequestOptions request;
        final Buffer body;
        final long measureFrom;
        final long measureUntil;
        final Recorder latency = new Recorder(1, MAX_MICROS, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder warmupErrors = new LongAdder();
        final LongAdder reconnects = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
        final CountDownLatch finished;

        Run(Vertx vertx, HttpClientAgent client, HttpConnectOptions connect, RequestOptions request, Buffer body,
                long measureFrom, long measureUntil, int connections) {
            this.vertx = vertx;
            this.client = client;
            this.connect = connect;
            this.request = request;
            this.body = body;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.finished = new CountDownLatch(connections);
        }

        // A request counts when it completes inside [measureFrom, measureUntil).
        void answered(int status, long sentAt, long now) {
            if (now < measureFrom || now >= measureUntil) {
                if (status / 100 != 2 && now < measureFrom) {
                    warmupErrors.increment();
                }
                return;
            }
            if (status / 100 == 2) {
                ok.increment();
                latency.recordValue(Math.min(MAX_MICROS, Math.max(1, (now - sentAt) / 1_000)));
            } else {
                error("HTTP " + status);
            }
        }

        void failed(Throwable cause, long now) {
            if (now < measureFrom) {
                warmupErrors.increment();
            } else if (now < measureUntil) {
                error(cause.getClass().getSimpleName());
            }
        }

        private void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        LoadReport report(HttpLoad options) {
            SortedMap<String, Long> byKind = new TreeMap<>();
            errors.forEach((k, v) -> byKind.put(k, v.sum()));
            return new LoadReport(request.getMethod().name(), options.url.toString(), options.connections,
                    options.threads, options.warmup, Duration.ofNanos(measureUntil - measureFrom), ok.sum(), byKind,
                    warmupErrors.sum(), reconnects.sum(), LoadReport.Latency.of(latency.getIntervalHistogram()));
        }

        /**
         * One connection and its loop: send, read the whole answer, record, send again until the
         * end. Runs on its connection's event loop once started.
         */
        final class Worker {
            private HttpClientConnection connection;
            private boolean closed;

            Worker(HttpClientConnection connection) {
                attach(connection);
            }

            private void attach(HttpClientConnection c) {
                connection = c;
                closed = false;
                c.closeHandler(v -> {
                    if (connection == c) {
                        closed = true;
                    }
                });
            }

            void next() {
                long sentAt = System.nanoTime();
                if (sentAt >= measureUntil) {
                    done();
                    return;
                }
                if (closed) { // by the server, or after a failed request: open another
                    reopen();
                    return;
                }
                // Read each answer to its end but keep none of it: aggregating bodies costs the client
                // more CPU than anything else it does, CPU the server on the same machine then lacks.
                connection.request(request)
                        .compose(req -> body == null ? req.send() : req.send(body))
                        .compose(res -> {
                            if ("close".equalsIgnoreCase(res.getHeader(HttpHeaders.CONNECTION))) {
                                closed = true;
                            }
                            return res.handler(chunk -> { }).end().map(v -> res.statusCode());
                        })
                        .onComplete(ar -> {
                            long now = System.nanoTime();
                            if (ar.succeeded()) {
                                answered(ar.result(), sentAt, now);
                            } else {
                                failed(ar.cause(), now);
                                closed = true; // the connection may hold half an answer: never reuse it
                            }
                            next();
                        });
            }

            private void reopen() {
                connection.close();
                if (System.nanoTime() >= measureUntil) {
                    done();
                    return;
                }
                client.connect(connect).onComplete(ar -> {
                    if (ar.succeeded()) {
                        reconnects.increment();
                        attach(ar.result());
                        next();
                    } else {
                        failed(ar.cause(), System.nanoTime());
                        vertx.setTimer(RECONNECT_PAUSE_MS, id -> reopen());
                    }
                });
            }

            private void done() {
                connection.close();
                finished.countDown();
            }
        }
    }
}
