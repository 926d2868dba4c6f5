package org.pujiang.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for an OpenAI-compatible chat-completions endpoint, on a real socket (no model runs here). It answers
 * {@code POST /v1/chat/completions} the way a well-behaved model would — it picks the first entry it was given and
 * words its answer with a marker — or misbehaves on purpose: slow, wrong entry id, not JSON, HTTP 500, or repeating
 * its instructions. It keeps every request body for assertions.
 */
public final class FakeChatModel implements AutoCloseable {
    public enum Behaviour { GROUNDED, SLOW, UNKNOWN_ENTRY, NOT_JSON, ERROR, LEAKS_INSTRUCTIONS, NO_ENTRY }

    /** What a grounded answer starts with, so tests can tell the model's wording from the stored answer. */
    public static final String MARK = "[model] ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.GROUNDED;
    private volatile long slowMs = 5000;

    public FakeChatModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                requests.add(request);
                Behaviour b = behaviour;
                if (b == Behaviour.SLOW) {
                    Thread.sleep(slowMs);
                }
                if (b == Behaviour.ERROR) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                String content = content(b, request);
                String body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                        JSON.createObjectNode().set("message", JSON.createObjectNode().put("role", "assistant")
                                .put("content", content)))).toString();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    private static String content(Behaviour b, JsonNode request) throws IOException {
        JsonNode messages = request.path("messages");
        String data = messages.path(1).path("content").asText();
        JsonNode entries = JSON.readTree(data.substring(data.indexOf('\n') + 1));
        JsonNode first = entries.path(0);
        return switch (b) {
            case GROUNDED, SLOW -> JSON.createObjectNode().put("entryId", first.path("id").asText())
                    .put("answer", MARK + first.path("answer").asText()).toString();
            case UNKNOWN_ENTRY -> JSON.createObjectNode().put("entryId", "made-up").put("answer", "anything").toString();
            case NOT_JSON -> "Sure! Here is my answer without JSON.";
            case LEAKS_INSTRUCTIONS -> JSON.createObjectNode().put("entryId", first.path("id").asText())
                    .put("answer", messages.path(0).path("content").asText()).toString();
            case NO_ENTRY -> "{\"entryId\": null}";
            case ERROR -> throw new IllegalStateException();
        };
    }

    /** The base URL to configure (agents.llm.url). */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public void behave(Behaviour b) {
        behaviour = b;
    }

    public void slowMs(long ms) {
        slowMs = ms;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
