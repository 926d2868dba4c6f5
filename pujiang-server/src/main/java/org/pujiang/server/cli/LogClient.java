package org.pujiang.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The REST calls that {@code pujiang witness} and {@code pujiang log verify} make to a log (docs/ledger.md), over the
 * JDK's {@link HttpClient}. Network failures and answers other than 2xx become {@link Trouble} with one readable line
 * (the server's {@code {"error", "message"}} when it sent one), never a stack trace: they are not verification
 * failures, and the commands exit 2 on them.
 *
 * <p>Any thread may call; the {@link HttpClient} is shared.
 */
final class LogClient {
    /** Exit code: every check passed. */
    static final int OK = 0;
    /** Exit code: a verification failed (a signature, a proof, a root) or a witness refused a checkpoint. */
    static final int FAILED = 1;
    /** Exit code: bad options, the network, or the server answered with an error. */
    static final int TROUBLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;

    /** Not a verification failure: the log could not be asked (exit 2). */
    static final class Trouble extends Exception {
        Trouble(String message) {
            super(message, null, false, false);
        }
    }

    LogClient(URI base) {
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    String base() {
        return base;
    }

    /** GET a text/plain answer (a signed note). */
    String text(String path) throws Trouble, InterruptedException {
        return body(send(get(path), path), path);
    }

    /** GET a JSON answer. */
    JsonNode json(String path) throws Trouble, InterruptedException {
        return parse(text(path), path);
    }

    /** GET a JSON answer without blocking; fails with {@link CompletionException} wrapping {@link Trouble}. */
    CompletableFuture<JsonNode> jsonAsync(String path) {
        return http.sendAsync(get(path), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    try {
                        if (failure != null) {
                            throw network(failure instanceof CompletionException c && c.getCause() != null
                                    ? c.getCause() : failure, path);
                        }
                        return parse(body(response, path), path);
                    } catch (Trouble t) {
                        throw new CompletionException(t);
                    }
                });
    }

    /** POST a text/plain body; returns the JSON answer. */
    JsonNode postText(String path, String text) throws Trouble, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
        return parse(body(send(request, path), path), path);
    }

    /** The {@code hashes} array of a proof answer, decoded. */
    static List<byte[]> hashes(JsonNode proof, String what) throws Trouble {
        JsonNode array = proof.path("hashes");
        if (!array.isArray()) {
            throw new Trouble("the server's " + what + " has no \"hashes\" array");
        }
        List<byte[]> out = new ArrayList<>(array.size());
        for (JsonNode h : array) {
            out.add(base64(h, what + " hash"));
        }
        return out;
    }

    static byte[] base64(JsonNode node, String what) throws Trouble {
        if (!node.isTextual()) {
            throw new Trouble("the server's " + what + " is not a base64 string");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new Trouble("the server's " + what + " is not valid base64: " + e.getMessage());
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request, String path) throws Trouble, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw network(e, path);
        }
    }

    private Trouble network(Throwable e, String path) {
        String where = base + path;
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
            return new Trouble("cannot reach the log at " + base + " (" + describe(e) + ")");
        }
        if (e instanceof HttpTimeoutException) {
            return new Trouble("no answer from " + where + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        return new Trouble("the request to " + where + " failed: " + describe(e));
    }

    /** The first message along the cause chain; the JDK client's ConnectException often has none of its own. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private String body(HttpResponse<String> response, String path) throws Trouble {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String error = null;
        String message = null;
        try {
            JsonNode doc = JSON.readTree(response.body());
            if (doc != null && doc.isObject()) {
                error = doc.path("error").asText(null);
                message = doc.path("message").asText(null);
            }
        } catch (IOException e) {
            // not JSON: show the start of the body instead
        }
        String detail = error != null
                ? error + (message != null ? ": " + message : "")
                : abbreviate(response.body().strip(), 200);
        throw new Trouble("the server answered " + status + " to " + response.request().method() + " " + path
                + (detail.isEmpty() ? "" : " — " + detail));
    }

    private static JsonNode parse(String text, String path) throws Trouble {
        try {
            JsonNode doc = JSON.readTree(text);
            if (doc == null || !doc.isObject()) {
                throw new Trouble("the answer to " + path + " is not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new Trouble("the answer to " + path + " is not JSON: " + abbreviate(text.strip(), 120));
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
