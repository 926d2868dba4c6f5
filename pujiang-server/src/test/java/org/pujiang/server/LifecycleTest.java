package org.pujiang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/** Start, restart, drain and database loss, on the embedded database. */
class LifecycleTest {
    @TempDir
    Path temp;

    @Test
    void inFlightRequestsFinishDuringShutdown() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            // Slow Argon2 (many passes, little memory) keeps each login in flight for about a second.
            PujiangServer server = TestServers.start(db, temp.resolve("data"),
                    Map.of("auth.argon2.iterations", "40", "shutdown.grace", "PT30S"));
            ApiClient api = new ApiClient(server.baseUrl());
            api.member("drainer");
            int logins = 4;
            List<CompletableFuture<Res>> answers = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> api.post("/api/auth/login", null,
                        new JsonObject().put("username", "drainer").put("password", "pw-drainer-123"))));
            }
            // Stop only once every login has reached the server, so each one is in flight.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (activeRequests(api) < logins) {
                assertThat(System.nanoTime()).as("all logins in flight in time").isLessThan(deadline);
                Thread.sleep(5);
            }
            server.close();
            for (CompletableFuture<Res> answer : answers) {
                Res r = answer.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        }
    }

    private static double activeRequests(ApiClient api) {
        // The scrape itself is one active request.
        for (String line : api.get("/metrics", null).body().split("\n")) {
            if (line.startsWith("http_server_active_requests ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1)) - 1;
            }
        }
        return 0;
    }

    @Test
    void healthTurnsDownAndCallsAnswer503WhenTheDatabaseIsGone() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            PujiangServer server = TestServers.start(db, temp.resolve("data"), Map.of());
            try {
                ApiClient api = new ApiClient(server.baseUrl());
                String token = api.guest();
                assertThat(api.get("/api/health", null).status()).isEqualTo(200);
                server.database().close();
                Res health = api.get("/api/health", null);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().getString("status")).isEqualTo("DOWN");
                assertThat(health.json().getString("db")).isEqualTo("DOWN");
                Res list = api.get("/api/spaces", token);
                assertThat(list.status()).isEqualTo(503);
                assertThat(list.error()).isEqualTo("server:db.unavailable");
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aRestartKeepsDataAndDoesNotSeedTwice() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            String spaceId;
            try (PujiangServer first = TestServers.start(db, temp.resolve("data"), Map.of())) {
                ApiClient api = new ApiClient(first.baseUrl());
                String token = api.member("keeper");
                spaceId = api.post("/api/spaces", token, new JsonObject().put("name", "持久 Persistent")
                        .put("template", "classroom").put("visibility", "private")).json().getString("id");
                String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
                assertThat(api.post("/api/twins/factory-press-a/telemetry", admin,
                        new JsonObject().put("temperature", 66.5)).status()).isEqualTo(202);
            }
            try (PujiangServer second = TestServers.start(db, temp.resolve("data"), Map.of())) {
                assertThat(second.generatedAdminPassword()).isEmpty();
                ApiClient api = new ApiClient(second.baseUrl());
                String token = api.login("keeper", "pw-keeper-123");
                assertThat(api.get("/api/spaces/" + spaceId, token).json().getString("name")).isEqualTo("持久 Persistent");
                long demos = api.get("/api/spaces?size=100", api.guest()).items().size();
                assertThat(demos).as("3 demo spaces, the collectibles gallery, the factory twin space and the city"
                        + " sandbox").isEqualTo(6);
                assertThat(second.ledger().writer().tail().size()).as("the demo artworks, registered and minted once")
                        .isEqualTo(10);
                assertThat(api.get("/api/twins/factory-press-a", token).json().getJsonObject("reported")
                        .getDouble("temperature")).as("live twin state is saved at shutdown and read back").isEqualTo(66.5);
                assertThat(second.twins().count()).as("the demo twins, once")
                        .isEqualTo(org.pujiang.server.twin.demo.DemoTwinsFile.load().twins().size());
            }
        }
    }

    @Test
    void theFirstStartGeneratesAnAdminPasswordWhenNoneIsConfigured() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp);
                PujiangServer server = TestServers.start(db, temp.resolve("data"), Map.of("admin.password", ""))) {
            String generated = server.generatedAdminPassword().orElseThrow();
            assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
            ApiClient api = new ApiClient(server.baseUrl());
            Res me = api.get("/api/me", api.login("admin", generated));
            assertThat(me.json().getString("role")).isEqualTo("admin");
        }
    }
}
