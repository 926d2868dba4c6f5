package org.pujiang.server.space;

import io.vertx.core.buffer.Buffer;
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
    private final Map<SpaceTemplate, java.util.List<String>> slots;

    private Scenes(Map<SpaceTemplate, Buffer> byTemplate, Map<SpaceTemplate, Spawn> spawns,
            Map<SpaceTemplate, java.util.List<String>> slots) {
        this.byTemplate = byTemplate;
        this.spawns = spawns;
        this.slots = slots;
    }

    /**
     * Loads every template's scene. Fails at start-up when one is missing or is not a scene of its
     * template: each template ships with its file (pujiang-web's check-assets validates them).
     */
    public static Scenes load() {
        Map<SpaceTemplate, Buffer> scenes = new EnumMap<>(SpaceTemplate.class);
        Map<SpaceTemplate, Spawn> spawns = new EnumMap<>(SpaceTemplate.class);
        Map<SpaceTemplate, java.util.List<String>> slots = new EnumMap<>(SpaceTemplate.class);
        for (SpaceTemplate t : SpaceTemplate.values()) {
            String path = "scenes/" + t.wireName() + ".json";
            try (InputStream in = Scenes.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the scene of template " + t.wireName() + " is missing: " + path);
                }
                JsonObject doc = new JsonObject(Buffer.buffer(in.readAllBytes()));
                if (!t.wireName().equals(doc.getString("template"))) {
                    throw new IllegalStateException(path + " names template " + doc.getString("template"));
                }
                JsonObject spawn = doc.getJsonObject("spawn");
                spawns.put(t, new Spawn(spawn.getFloat("x"), spawn.getFloat("y"), spawn.getFloat("z"),
                        spawn.getFloat("yaw", 0f)));
                io.vertx.core.json.JsonArray slotList = doc.getJsonArray("slots", new io.vertx.core.json.JsonArray());
                slots.put(t, slotList.stream().map(o -> ((JsonObject) o).getString("id")).toList());
                scenes.put(t, doc.toBuffer());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return new Scenes(scenes, spawns, slots);
    }

    /** Where visitors of a space of {@code template} enter. */
    public Spawn spawn(SpaceTemplate template) {
        return spawns.get(template);
    }

    /** The names of the scene's slots for assets (gallery walls, pedestals), in scene order. */
    public java.util.List<String> slots(SpaceTemplate template) {
        return slots.get(template);
    }

    /** The scene of {@code template}, as JSON bytes. */
    public Buffer of(SpaceTemplate template) {
        return byTemplate.get(template);
    }
}
