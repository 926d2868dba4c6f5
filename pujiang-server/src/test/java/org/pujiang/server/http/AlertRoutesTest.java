package org.pujiang.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.alert.AlertService;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.Session;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.jdbc.Database;
import org.pujiang.server.storage.jdbc.JdbcAlertRepository;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.twin.rules.AlertSignal;
import org.pujiang.twin.rules.Severity;

/**
 * The alert routes' handlers called directly with {@link Call}s (the routes are not wired into the server yet):
 * body parsing, status codes and JSON shapes, over H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRoutesTest {
    TestDatabase testDb;
    Database db;
    AlertService service;
    AlertRoutes routes;
    Session admin;
    Session member;

    @BeforeAll
    void open(@TempDir Path temp) {
        testDb = TestDatabase.create(TestDatabase.Kind.H2, temp);
        db = Database.open(testDb.config(), temp, null);
        JdbcAlertRepository repo = new JdbcAlertRepository(Jdbi.create(testDb.config().url() + ";DB_CLOSE_ON_EXIT=FALSE",
                testDb.config().user(), testDb.config().password()));
        service = new AlertService(repo, Clock.systemUTC(), null);
        routes = new AlertRoutes(service);
        admin = session(Role.ADMIN);
        member = session(Role.MEMBER);
    }

    @AfterAll
    void close() {
        service.close();
        db.close();
        testDb.close();
    }

    private Session session(Role role) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String name = role.wireName() + System.nanoTime();
        User u = new User(new UserId(Ids.newId()), name, name, role, false, now, now);
        db.users().insert(u, name, "$argon2id$fake");
        return new Session(UUID.randomUUID(), u, now, now.plusSeconds(3600), null);
    }

    private Reply call(Session s, HttpMethod method, String route, Map<String, String> path, Map<String, String> query,
                       Object body) {
        ApiRoutes.Route r = routes.routes().stream()
                .filter(x -> x.method().equals(method) && x.path().equals(route)).findFirst().orElseThrow();
        MultiMap q = MultiMap.caseInsensitiveMultiMap();
        query.forEach(q::add);
        Buffer b = body == null ? null : Buffer.buffer(body.toString());
        return r.handler().handle(new Call(method.name(), route, path, q, "application/json", b, "127.0.0.1", "test", s, null,
                MultiMap.caseInsensitiveMultiMap(), java.util.List.of()));
    }

    @Test
    void theRoutesAreTheDocumentedOnes() {
        assertThat(routes.routes()).extracting(r -> r.method().name() + " " + r.path()).containsExactly(
                "POST /api/rules", "GET /api/rules", "GET /api/rules/:id", "DELETE /api/rules/:id",
                "GET /api/alerts", "GET /api/alerts/:id", "POST /api/alerts/:id/acknowledge",
                "POST /api/alerts/:id/resolve", "POST /api/webhooks", "GET /api/webhooks", "DELETE /api/webhooks/:id");
        assertThat(routes.routes()).allMatch(ApiRoutes.Route::needsSession);
    }

    @Test
    void rulesAndAlertsThroughTheHandlers() {
        Reply created = call(admin, HttpMethod.POST, "/api/rules", Map.of(), Map.of(), new JsonObject()
                .put("model", "urn:boiler").put("property", "temp").put("kind", "threshold").put("op", ">")
                .put("value", 90).put("for", "PT30S").put("hysteresis", 2).put("severity", "critical"));
        assertThat(created.status()).isEqualTo(201);
        JsonObject rule = (JsonObject) created.body();
        assertThat(rule.getString("kind")).isEqualTo("threshold");
        assertThat(rule.getDouble("value")).isEqualTo(90.0);
        assertThat(rule.getDouble("for")).isEqualTo(30.0);
        String id = rule.getString("id");

        Reply silence = call(admin, HttpMethod.POST, "/api/rules", Map.of(), Map.of(), new JsonObject()
                .put("twin", "boiler-7").put("kind", "silence").put("after", 120));
        assertThat(((JsonObject) silence.body()).getDouble("after")).isEqualTo(120.0);

        assertThatThrownBy(() -> call(admin, HttpMethod.POST, "/api/rules", Map.of(), Map.of(), new JsonObject()
                .put("twin", "x").put("property", "p").put("kind", "threshold").put("op", ">").put("threshold", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.field()).isEqualTo("threshold");
                });
        assertThatThrownBy(() -> call(admin, HttpMethod.POST, "/api/rules", Map.of(), Map.of(), new JsonObject()
                .put("twin", "x").put("kind", "silence").put("after", "five minutes")))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.RULE_INVALID);
        assertThatThrownBy(() -> call(admin, HttpMethod.POST, "/api/rules", Map.of(), Map.of(), new JsonObject()
                .put("twin", "x").put("property", "p").put("kind", "range").put("min", "0").put("max", 1)))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.FIELD_INVALID);

        JsonObject list = (JsonObject) call(member, HttpMethod.GET, "/api/rules", Map.of(), Map.of("model", "urn:boiler"),
                null).body();
        assertThat(list.getJsonArray("items")).hasSize(1);
        assertThat(call(member, HttpMethod.GET, "/api/rules/:id", Map.of("id", id), Map.of(), null).status())
                .isEqualTo(200);

        service.apply(new AlertSignal.Raised(id, "boiler-1", "temp", 95, System.currentTimeMillis(), Severity.CRITICAL,
                "hot"));
        service.flush(java.time.Duration.ofSeconds(10));
        JsonObject alerts = (JsonObject) call(member, HttpMethod.GET, "/api/alerts", Map.of(),
                Map.of("twin", "boiler-1", "state", "open"), null).body();
        assertThat(alerts.getLong("total")).isEqualTo(1);
        JsonObject alert = alerts.getJsonArray("items").getJsonObject(0);
        assertThat(alert.fieldNames()).contains("id", "twin", "rule", "property", "state", "severity", "value",
                "message", "openedAt");
        String alertId = alert.getString("id");

        JsonObject acked = (JsonObject) call(member, HttpMethod.POST, "/api/alerts/:id/acknowledge",
                Map.of("id", alertId), Map.of(), new JsonObject().put("note", "on it")).body();
        assertThat(acked.getString("state")).isEqualTo("acknowledged");
        assertThat(acked.getString("acknowledgedBy")).isEqualTo(member.user().id().toString());
        JsonObject resolved = (JsonObject) call(admin, HttpMethod.POST, "/api/alerts/:id/resolve",
                Map.of("id", alertId), Map.of(), null).body();
        assertThat(resolved.getString("state")).isEqualTo("resolved");
        JsonObject full = (JsonObject) call(member, HttpMethod.GET, "/api/alerts/:id", Map.of("id", alertId), Map.of(),
                null).body();
        assertThat(full.getJsonArray("events")).hasSize(3);
        assertThat(full.getJsonArray("events").getJsonObject(1).getString("note")).isEqualTo("on it");

        assertThat(call(admin, HttpMethod.DELETE, "/api/rules/:id", Map.of("id", id), Map.of(), null).status())
                .isEqualTo(204);
    }

    @Test
    void webhooksThroughTheHandlers() {
        Reply created = call(admin, HttpMethod.POST, "/api/webhooks", Map.of(), Map.of(),
                new JsonObject().put("url", "https://hooks.example.com/pujiang"));
        assertThat(created.status()).isEqualTo(201);
        JsonObject hook = (JsonObject) created.body();
        assertThat(hook.getString("secret")).hasSize(64);
        JsonObject list = (JsonObject) call(admin, HttpMethod.GET, "/api/webhooks", Map.of(), Map.of(), null).body();
        assertThat(list.getJsonArray("items").getJsonObject(0).containsKey("secret")).isFalse();
        assertThatThrownBy(() -> call(member, HttpMethod.GET, "/api/webhooks", Map.of(), Map.of(), null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(call(admin, HttpMethod.DELETE, "/api/webhooks/:id", Map.of("id", hook.getString("id")), Map.of(),
                null).status()).isEqualTo(204);
    }
}
