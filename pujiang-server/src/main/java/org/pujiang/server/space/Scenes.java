package org.pujiang.server.space;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.pujiang.space.SpaceTemplate;

/**
 * The 3D layout each template gives its spaces (docs/scene.md), read once from the classpath
 * ({@code scenes/<template>.json}, shipped in the server jar) and kept as encoded JSON, since every
 * visitor's client asks for it on entering.
 */
public final class Scenes {
    /** Where a scene's visitors enter, facing {@code yaw}. */
    public record Spawn(float x, float y, float z, float yaw) {}

    private final Map<SpaceTemplate, Buffer> byTemplate;
    private final Map<SpaceTemplate, Spawn> spawns;

    private Scenes(Map<SpaceTemplate, Buffer> byTemplate, Map<SpaceTemplate, Spawn> spawns) {
        this.byTemplate = byTemplate;
        this.spawns = spawns;
    }

    /**
     * Loads every template's scene; a template without one gets a plain lit floor over its default
     * bounds. Fails at start-up when a file is not a scene of its template.
     */
    public static Scenes load() {
        Map<SpaceTemplate, Buffer> scenes = new EnumMap<>(SpaceTemplate.class);
        Map<SpaceTemplate, Spawn> spawns = new EnumMap<>(SpaceTemplate.class);
        for (SpaceTemplate t : SpaceTemplate.values()) {
            String path = "scenes/" + t.wireName() + ".json";
            try (InputStream in = Scenes.class.getClassLoader().getResourceAsStream(path)) {
                JsonObject doc = in == null ? plain(t) : new JsonObject(Buffer.buffer(in.readAllBytes()));
                if (!t.wireName().equals(doc.getString("template"))) {
                    throw new IllegalStateException(path + " names template " + doc.getString("template"));
                }
                JsonObject spawn = doc.getJsonObject("spawn");
                spawns.put(t, new Spawn(spawn.getFloat("x"), spawn.getFloat("y"), spawn.getFloat("z"),
                        spawn.getFloat("yaw", 0f)));
                scenes.put(t, doc.toBuffer());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return new Scenes(scenes, spawns);
    }

    static JsonObject plain(SpaceTemplate t) {
        var b = t.defaultBounds();
        return new JsonObject()
                .put("version", 1)
                .put("template", t.wireName())
                .put("title", new JsonObject().put("en", t.wireName()))
                .put("environment", new JsonObject()
                        .put("background", "#dfe9f3")
                        .put("ambient", new JsonObject().put("color", "#ffffff").put("intensity", 0.9))
                        .put("sun", new JsonObject().put("color", "#ffffff").put("intensity", 1.2)
                                .put("direction", new JsonArray().add(-0.4).add(-1).add(-0.3))))
                .put("floor", new JsonObject().put("minX", b.minX()).put("minZ", b.minZ()).put("maxX", b.maxX())
                        .put("maxZ", b.maxZ()).put("y", b.minY()).put("color", "#c8ccd2").put("grid", true))
                .put("walls", new JsonArray())
                .put("lights", new JsonArray())
                .put("items", new JsonArray())
                .put("spawn", new JsonObject().put("x", (b.minX() + b.maxX()) / 2).put("y", b.minY())
                        .put("z", (b.minZ() + b.maxZ()) / 2).put("yaw", 0));
    }

    /** Where visitors of a space of {@code template} enter. */
    public Spawn spawn(SpaceTemplate template) {
        return spawns.get(template);
    }

    /** The scene of {@code template}, as JSON bytes. */
    public Buffer of(SpaceTemplate template) {
        return byTemplate.get(template);
    }
}
