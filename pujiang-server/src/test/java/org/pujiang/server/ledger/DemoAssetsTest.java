package org.pujiang.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/** A newcomer's first start: the demo gallery shows registered, minted artworks whose provenance is in the log. */
class DemoAssetsTest {
    @Test
    void theDemoGalleryShowsArtworksWithProvenance(@TempDir Path temp) {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp);
                PujiangServer server = TestServers.start(db, temp.resolve("data"), Map.of("demo.enabled", "true"))) {
            ApiClient api = new ApiClient(server.baseUrl());
            String guest = api.guest();
            JsonObject gallery = api.get("/api/spaces?q=Gallery", guest).items().stream().map(o -> (JsonObject) o)
                    .filter(s -> s.getString("template").equals("gallery")).findFirst().orElseThrow();
            JsonArray placements = api.get("/api/spaces/" + gallery.getString("id") + "/assets", guest).json()
                    .getJsonArray("placements");
            assertThat(placements.stream().map(p -> ((JsonObject) p).getString("slot")))
                    .containsExactlyInAnyOrder("wall-1", "wall-2", "wall-3", "wall-4", "pedestal-1");
            assertThat(placements.stream().map(p -> ((JsonObject) p).getString("format"))).contains("png", "glb");
            for (Object p : placements) {
                String asset = ((JsonObject) p).getString("asset");
                JsonArray events = api.get("/api/assets/" + asset + "/provenance", guest).json().getJsonArray("events");
                assertThat(events.stream().map(e -> ((JsonObject) e).getString("kind"))).containsExactly("register", "mint");
                assertThat(api.get("/api/assets/" + asset + "/file", guest).status()).isEqualTo(200);
            }
        }
    }
}
