package org.pujiang.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
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
}
