package org.pujiang.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small blocking client for the REST API over a real socket. */
public final class ApiClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String base) {
        this.base = base;
    }

    /** A response: status, headers and the raw body, with JSON views of it. */
    public record Res(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        public String error() {
            return json().getString("error");
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Res get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Res delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public Res post(String path, String token, JsonObject body) {
        return send("POST", path, token, "application/json", body == null ? null : body.encode().getBytes(StandardCharsets.UTF_8));
    }

    public Res patch(String path, String token, JsonObject body) {
        return send("PATCH", path, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** Any request, with the body sent byte for byte. */
    public Res send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Res(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers and logs in a member; returns the token. */
    public String member(String username) {
        Res r = post("/api/auth/register", null, new JsonObject().put("username", username)
                .put("password", "pw-" + username + "-123").put("displayName", username));
        if (r.status() != 201) {
            throw new IllegalStateException("register " + username + ": " + r);
        }
        return login(username, "pw-" + username + "-123");
    }

    public String login(String username, String password) {
        Res r = post("/api/auth/login", null, new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login " + username + ": " + r);
        }
        return r.json().getString("token");
    }

    public String guest() {
        return post("/api/auth/guest", null, null).json().getString("token");
    }

}
