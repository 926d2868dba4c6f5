package org.pujiang.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceTemplate;

class ScenesTest {
    @Test
    void everyTemplateHasASceneWhoseEntranceIsInsideItsBounds() {
        Scenes scenes = Scenes.load();
        for (SpaceTemplate t : SpaceTemplate.values()) {
            JsonObject doc = scenes.of(t).toJsonObject();
            assertThat(doc.getString("template")).as(t.wireName()).isEqualTo(t.wireName());
            assertThat(doc.getJsonArray("items")).as(t.wireName()).isNotNull();
            Scenes.Spawn spawn = scenes.spawn(t);
            Bounds b = t.defaultBounds();
            assertThat((double) spawn.x()).as(t.wireName() + " spawn x").isBetween(b.minX(), b.maxX());
            assertThat((double) spawn.y()).as(t.wireName() + " spawn y").isBetween(b.minY(), b.maxY());
            assertThat((double) spawn.z()).as(t.wireName() + " spawn z").isBetween(b.minZ(), b.maxZ());
        }
    }

    /** Asset placements name these slots (docs/scene.md#asset-slots); the browser draws them where the scene says. */
    @Test
    void galleryAndExhibitionOfferSixWallSlotsAndFourPedestals() {
        Scenes scenes = Scenes.load();
        for (SpaceTemplate t : List.of(SpaceTemplate.GALLERY, SpaceTemplate.EXHIBITION)) {
            JsonArray slots = scenes.of(t).toJsonObject().getJsonArray("slots");
            assertThat(slots).as(t.wireName()).isNotNull();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                JsonObject slot = slots.getJsonObject(i);
                String id = slot.getString("id");
                ids.add(id);
                assertThat(slot.getString("kind")).as(t.wireName() + " " + id).isEqualTo(id.startsWith("wall-") ? "wall" : "pedestal");
                assertThat(slot.getJsonArray("position")).as(t.wireName() + " " + id).hasSize(3);
            }
            assertThat(ids).as(t.wireName()).containsExactly("wall-1", "wall-2", "wall-3", "wall-4", "wall-5", "wall-6",
                    "pedestal-1", "pedestal-2", "pedestal-3", "pedestal-4");
        }
    }
}
