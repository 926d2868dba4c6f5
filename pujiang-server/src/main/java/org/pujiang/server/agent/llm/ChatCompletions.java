package org.pujiang.server.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client of an OpenAI-compatible chat-completions endpoint ({@code POST {base}/chat/completions}, as served by
 * OpenAI, vLLM, Ollama, DashScope's compatible mode and others). Asks for a JSON object and returns the first
 * choice's message content. Non-blocking; the future fails on a timeout, a non-2xx status or a malformed reply.
 */
public final class ChatCompletions {
    /** One chat message: role is system, user or assistant. */
    public record Message(String role, String content) {}

    /** The endpoint: base URL (up to /v1), model name, API key (may be empty), and how long an answer may take. */
    public record Endpoint(URI base, String model, String apiKey, Duration timeout) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most reply bytes read: an answer is a few hundred characters. */
    private static final int MAX_REPLY_BYTES = 256 * 1024;

    private final Endpoint endpoint;
    private final HttpClient http;

    public ChatCompletions(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The model's reply to {@code messages}, at temperature 0, as a JSON object in text. */
    public CompletableFuture<String> complete(List<Message> messages, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode list = body.putArray("messages");
        for (Message m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        String base = endpoint.base().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (!endpoint.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(endpoint.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .thenApply(ChatCompletions::content);
    }

    private static String content(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the language model answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_REPLY_BYTES) {
            throw new IllegalStateException("the language model's reply is over " + MAX_REPLY_BYTES + " bytes");
        }
        try {
            JsonNode doc = JSON.readTree(response.body());
            JsonNode content = doc.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new IllegalStateException("the language model's reply has no choices[0].message.content");
            }
            return content.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the language model's reply is not JSON", e);
        }
    }
}
