package org.pujiang.server.twin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pujiang.twin.model.Link;
import org.pujiang.twin.model.Parsed;
import org.pujiang.twin.model.ThingModels;
import org.pujiang.twin.model.TwinModel;

class DemoTwinsFileTest {
    private static final Set<String> VISUALS = Set.of("colour", "label", "gauge", "animation");
    private static final Set<String> RULE_KINDS = Set.of("threshold", "range", "rate", "silence");
    /** The fields POST /api/rules takes (docs/alerts.md); it refuses any other. */
    private static final Set<String> RULE_FIELDS = Set.of("twin", "model", "kind", "property", "severity", "for",
            "hysteresis", "message", "op", "value", "min", "max", "maxPerSecond", "after");
    /** Demo space key → the scene template its space is made from. */
    private static final Map<String, String> TEMPLATES = Map.of("factory", "factory", "city", "city");

    private static DemoTwinsFile demo;
    private static final Map<String, TwinModel> models = new HashMap<>();

    @BeforeAll
    static void load() {
        demo = DemoTwinsFile.load();
        demo.modelDocuments().forEach((file, json) -> {
            if (ThingModels.parse(json) instanceof Parsed.Ok ok) {
                models.put(ok.model().id(), ok.model());
            }
        });
    }

    @Test
    void everyModelFileParsesWithoutErrors() {
        assertThat(demo.version()).isEqualTo(1);
        Set<String> ids = new HashSet<>();
        demo.modelDocuments().forEach((file, json) -> {
            Parsed parsed = ThingModels.parse(json);
            assertThat(parsed).as(file + ": " + parsed).isInstanceOf(Parsed.Ok.class);
            TwinModel model = ((Parsed.Ok) parsed).model();
            assertThat(ids.add(model.id())).as("model id %s given twice", model.id()).isTrue();
            model.properties().values().forEach(p -> {
                switch (p.schema()) {
                    case org.pujiang.twin.model.NumberSchema n -> assertBounded(file, p.name(), n.range(), n.unit());
                    case org.pujiang.twin.model.IntegerSchema n -> assertBounded(file, p.name(), n.range(), n.unit());
                    default -> { }
                }
            });
        });
        assertThat(models).hasSize(demo.models().size());
    }

    private static void assertBounded(String file, String property, org.pujiang.twin.model.NumericRange range, String unit) {
        assertThat(range.minimum()).as(file + " " + property + " minimum").isNotNull();
        assertThat(range.maximum()).as(file + " " + property + " maximum").isNotNull();
        assertThat(unit).as(file + " " + property + " unit").isNotBlank();
    }

    @Test
    void everyTwinNamesAListedModelAndIsUnique() {
        Set<String> ids = new HashSet<>();
        for (DemoTwinsFile.Twin t : demo.twins()) {
            assertThat(ids.add(t.id())).as("twin id %s given twice", t.id()).isTrue();
            assertThat(t.id()).as("twin id").matches("[a-z0-9][a-z0-9-]*");
            assertThat(models).as("model of " + t.id()).containsKey(t.model());
            DemoTwinsFile.Location at = t.location();
            if (at != null) {
                if (at.lat() != null || at.lon() != null) {
                    assertThat(at.lat()).as(t.id() + " lat").isBetween(-90.0, 90.0);
                    assertThat(at.lon()).as(t.id() + " lon").isBetween(-180.0, 180.0);
                }
                if (at.space() != null) {
                    assertThat(TEMPLATES).as(t.id() + " space").containsKey(at.space());
                    assertThat(List.of(at.x(), at.y(), at.z())).as(t.id() + " x, y, z").doesNotContainNull();
                }
            }
        }
    }

    @Test
    void everyLinkJoinsTwoTwinsByARelationTheSourceModelDeclares() {
        for (DemoTwinsFile.Link l : demo.links()) {
            DemoTwinsFile.Twin from = demo.twin(l.from()).orElseThrow(() -> new AssertionError("no twin " + l.from()));
            DemoTwinsFile.Twin to = demo.twin(l.to()).orElseThrow(() -> new AssertionError("no twin " + l.to()));
            Link declared = models.get(from.model()).links().stream().filter(x -> x.name().equals(l.rel())).findFirst()
                    .orElseThrow(() -> new AssertionError(from.model() + " declares no link " + l.rel()));
            if (declared.targetModel() != null) {
                assertThat(to.model()).as(l.toString()).isEqualTo(declared.targetModel());
            }
        }
    }

    @Test
    void everyBindingNamesATwinPropertyAndASceneObject() throws Exception {
        assertThat(demo.spaces()).extracting(DemoTwinsFile.SpaceBindings::space)
                .containsExactlyInAnyOrderElementsOf(TEMPLATES.keySet());
        for (DemoTwinsFile.SpaceBindings space : demo.spaces()) {
            Set<String> objects = sceneObjects(TEMPLATES.get(space.space()));
            assertThat(space.items()).as(space.space()).isNotEmpty();
            for (DemoTwinsFile.Binding b : space.items()) {
                String what = space.space() + " " + b.object() + " ← " + b.twin() + "." + b.property();
                assertThat(objects).as(what + ": scene object").contains(b.object());
                DemoTwinsFile.Twin twin = demo.twin(b.twin()).orElseThrow(() -> new AssertionError(what + ": no twin"));
                assertThat(models.get(twin.model()).properties()).as(what + ": property").containsKey(b.property());
                String kind = b.visual().path("kind").asText();
                assertThat(VISUALS).as(what + ": visual kind").contains(kind);
                switch (kind) {
                    case "colour" -> assertThat(b.visual().has("stops") != b.visual().has("map")).as(what + ": stops or map").isTrue();
                    case "label" -> assertThat(b.visual().path("format").asText()).as(what).contains("{value}");
                    case "gauge" -> assertThat(b.visual().path("max").asDouble()).as(what)
                            .isGreaterThan(b.visual().path("min").asDouble());
                    case "animation" -> assertThat(Set.of("spin", "pulse", "bob")).as(what).contains(b.visual().path("clip").asText());
                    default -> throw new AssertionError(kind);
                }
            }
        }
    }

    @Test
    void everyRuleNamesAModelOrTwinAndAPropertyOfIt() {
        assertThat(demo.rules()).isNotEmpty();
        for (JsonNode r : demo.rules()) {
            String model = r.has("twin")
                    ? demo.twin(r.get("twin").asText()).orElseThrow(() -> new AssertionError("no twin in " + r)).model()
                    : r.path("model").asText();
            assertThat(models).as(r.toString()).containsKey(model);
            if (r.has("property")) {
                assertThat(models.get(model).properties()).as(r.toString()).containsKey(r.get("property").asText());
            }
            assertThat(RULE_KINDS).as(r.toString()).contains(r.path("kind").asText());
            r.fieldNames().forEachRemaining(f -> assertThat(RULE_FIELDS).as(r.toString()).contains(f));
            assertThat(r.has("twin") != r.has("model")).as(r + ": twin or model, not both").isTrue();
            assertThat(Set.of("info", "warning", "critical")).as(r.toString()).contains(r.path("severity").asText());
        }
    }

    @Test
    void aTypoInTheFileIsRefusedWithItsName() {
        assertThatThrownBy(() -> DemoTwinsFile.parse("{\"version\":1,\"models\":[],\"twins\":[],\"twinz\":[]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twinz");
    }

    private static Set<String> sceneObjects(String template) throws Exception {
        JsonNode scene = new ObjectMapper().readTree(DemoTwinsFile.resource("scenes/" + template + ".json"));
        Set<String> ids = new HashSet<>();
        scene.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
