package org.pujiang.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pujiang.server.error.ErrorCode;

/** The OpenAPI document and the router describe the same API: no route undocumented, none documented only. */
class OpenApiDocumentTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** The routes as the server builds them; the handlers are never called, so no services are needed. */
    private static ApiRoutes apiRoutes() {
        List<ApiRoutes.Route> more = RouteAreas.all(new TwinRoutes(null, null, null, null), new AlertRoutes(null),
                new ScenarioRoutes(null, null, null, null, null), new LedgerRoutes(null, null, null),
                new AssetRoutes(null, null, null, null, null, null, null), new AgentRoutes(null, 1));
        return new ApiRoutes(null, null, null, id -> 0, more);
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        Router router = new HttpApi(apiRoutes(), null, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 65536, false, "test").router(vertx);
        Set<String> routed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.methods() == null) {
                continue; // the catch-all observer, which answers nothing itself
            }
            for (HttpMethod m : route.methods()) {
                routed.add(m.name() + " " + route.getPath().replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        JsonObject doc = document();
        Set<String> documented = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (Set.of("get", "put", "post", "patch", "delete", "head", "options").contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertThat(routed).as("routes in the router").isNotEmpty();
        assertThat(documented).as("documented but not routed").isSubsetOf(routed);
        assertThat(routed).as("routed but not documented").isSubsetOf(documented);
    }

    /**
     * A route that needs a session is documented with bearerAuth only; one that does not is either public
     * (security []) or takes a device token or a session token (deviceToken or bearerAuth), and only those
     * take a device token.
     */
    @Test
    void securityMatchesWhetherARouteNeedsASession() throws Exception {
        JsonObject doc = document();
        JsonArray session = new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray()));
        JsonArray device = new JsonArray().add(new JsonObject().put("deviceToken", new JsonArray()))
                .add(new JsonObject().put("bearerAuth", new JsonArray()));
        assertThat(doc.getJsonArray("security")).as("default security").isEqualTo(session);
        Set<String> deviceRoutes = new TreeSet<>();
        for (ApiRoutes.Route route : apiRoutes().routes()) {
            String path = route.path().replaceAll(":([A-Za-z]+)", "{$1}");
            String name = route.method().name() + " " + path;
            JsonObject op = doc.getJsonObject("paths").getJsonObject(path)
                    .getJsonObject(route.method().name().toLowerCase(Locale.ROOT));
            assertThat(op).as(name).isNotNull();
            JsonArray security = op.containsKey("security") ? op.getJsonArray("security") : doc.getJsonArray("security");
            if (route.needsSession()) {
                assertThat(security).as(name + " needs a session").isEqualTo(session);
            } else {
                assertThat(security).as(name + " needs no session: public, or a device or session token")
                        .isIn(new JsonArray(), device);
                if (security.equals(device)) {
                    deviceRoutes.add(name);
                }
            }
        }
        Set<String> documentedDevice = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                Object op = paths.getJsonObject(path).getValue(method);
                if (op instanceof JsonObject o && o.getJsonArray("security") != null
                        && o.getJsonArray("security").encode().contains("deviceToken")) {
                    documentedDevice.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertThat(documentedDevice).as("operations that take a device token").isEqualTo(deviceRoutes)
                .contains("POST /api/twins/{id}/telemetry");
    }

    @Test
    void theDocumentIsOpenApi31AndListsEveryErrorCode() throws Exception {
        JsonObject doc = document();
        assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
        JsonArray codes = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("ErrorCode")
                .getJsonArray("enum");
        Set<String> expected = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            expected.add(c.code());
        }
        assertThat(new HashSet<>(codes.getList())).isEqualTo(expected);
    }

    private static JsonObject document() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
