package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.pujiang.twin.model.Vectors.errors;
import static org.pujiang.twin.model.Vectors.ok;
import static org.pujiang.twin.model.Vectors.text;
import static org.pujiang.twin.model.Vectors.tmWithProperty;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThingModelsTest {

    // WoT TD 1.1 §10.1 "Thing Model", the Lamp example, plus the id Pujiang requires.
    @Test
    void readsTheLampThingModelFromTheSpec() {
        TwinModel lamp = ok(ThingModels.parse(text("tm/lamp.tm.json")));

        assertThat(lamp.id()).isEqualTo("urn:example:model:lamp");
        assertThat(lamp.title()).isEqualTo("Lamp Thing Model");
        Property status = lamp.properties().get("status");
        assertThat(status.schema()).isInstanceOf(StringSchema.class);
        assertThat(status.schema().facets().description()).isEqualTo("current status of the lamp (on|off)");
        assertThat(status.readOnly()).isTrue();
        assertThat(lamp.actions().get("toggle")).isEqualTo(
                new Action("toggle", null, "Turn the lamp on or off", null, null, false, false));
        assertThat(lamp.events().get("overheating").data()).isEqualTo(new StringSchema());
    }

    // WoT TD 1.1 §10.3.2 "Submodel": tm:submodel links with instanceName become parts.
    @Test
    void readsSubmodelLinksAsParts() {
        TwinModel ventilator = ok(ThingModels.parse(text("tm/smart-ventilator.tm.json")));

        assertThat(ventilator.version()).isEqualTo("1.0.0");
        assertThat(ventilator.parts()).containsExactly(
                new Part("ventilation", "./Ventilation.tm.jsonld"), new Part("led", "./LED.tm.jsonld"));
        assertThat(ventilator.links()).isEmpty();
    }

    @Test
    void readsRangesUnitsAndActionSchemas() {
        TwinModel lamp = ok(ThingModels.parse(text("tm/lamp-with-limits.tm.json")));

        Property brightness = lamp.properties().get("brightness");
        assertThat(brightness.schema()).isEqualTo(new IntegerSchema(NumericRange.closed(0, 100),
                new Facets("Brightness", null, "%", List.of(), null)));
        assertThat(brightness.observable()).isTrue();
        assertThat(((NumberSchema) lamp.properties().get("colourTemperature").schema()).range())
                .isEqualTo(new NumericRange(null, null, 1000.0, 10000.0));
        Action fade = lamp.actions().get("fade");
        assertThat(fade.idempotent()).isTrue();
        assertThat(((ObjectSchema) fade.input()).required()).containsExactly("to");
        assertThat(fade.output()).isEqualTo(new BooleanSchema());
    }

    @Test
    void readsEveryFeatureOfThePressModel() {
        TwinModel press = ok(ThingModels.parse(text("tm/press.tm.json")));

        assertThat(press.properties()).hasSize(12);
        Property pressure = press.properties().get("pressure");
        assertThat(pressure.history()).isTrue();
        assertThat(pressure.schema().unit()).isEqualTo("kPa");
        assertThat(press.properties().get("mode").schema().facets().enumValues()).hasSize(4);
        assertThat(press.properties().get("unlockCode").writeOnly()).isTrue();
        assertThat(press.properties().get("spare").schema()).isInstanceOf(NullSchema.class);
        assertThat(press.links()).containsExactly(new Link("feeds", "urn:pujiang:model:factory:conveyor"));
        assertThat(press.parts()).containsExactly(new Part("hydraulics", "urn:pujiang:model:factory:hydraulic-unit"));
        assertThat(press.events().get("jam").data()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tm/lamp.tm.json", "tm/smart-ventilator.tm.json", "tm/lamp-with-limits.tm.json",
            "tm/press.tm.json"})
    void writtenModelsReadBackEqual(String vector) {
        TwinModel model = ok(ThingModels.parse(text(vector)));

        String written = ThingModels.write(model);

        assertThat(ok(ThingModels.parse(written))).isEqualTo(model);
        assertThat(ThingModels.write(ok(ThingModels.parse(written)))).isEqualTo(written);
    }

    @Test
    void acceptsAtIdAndPlainHistory() {
        TwinModel m = ok(ThingModels.parse("""
                {"@context": ["https://www.w3.org/2022/wot/td/v1.1"], "@type": ["tm:ThingModel", "saref:Sensor"],
                 "@id": "dtmi:pujiang:Sensor;1", "properties": {"t": {"type": "number", "history": true}}}"""));

        assertThat(m.id()).isEqualTo("dtmi:pujiang:Sensor;1");
        assertThat(m.properties().get("t").history()).isTrue();
    }

    @Test
    void malformedJsonSaysWhere() {
        List<ModelError> errors = errors(ThingModels.parse("{\"@type\": \"tm:ThingModel\",\n \"id\": }"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.message()).startsWith("malformed JSON at line 2");
        });
    }

    @Test
    void refusesEmptyNonObjectAndTrailingInput() {
        assertThat(errors(ThingModels.parse("")).get(0).message()).isEqualTo("empty document");
        assertThat(errors(ThingModels.parse(null)).get(0).message()).isEqualTo("empty document");
        assertThat(errors(ThingModels.parse("[1, 2]")).get(0).message()).contains("must be a JSON object");
        assertThat(errors(ThingModels.parse("{} {}")).get(0).message()).startsWith("malformed JSON");
    }

    @Test
    void refusesDuplicatedMembers() {
        String doc = """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "urn:a:b",
                 "id": "urn:a:c"}""";

        assertThat(errors(ThingModels.parse(doc)).get(0).message()).contains("Duplicate field 'id'");
    }

    @Test
    void requiresContextTypeAndId() {
        List<ModelError> errors = errors(ThingModels.parse("{\"title\": \"x\"}"));

        assertThat(errors).extracting(ModelError::message).containsExactly(
                "@context must include https://www.w3.org/2022/wot/td/v1.1",
                "@type must include tm:ThingModel",
                "id is required: Pujiang names every model (e.g. \"id\": \"urn:pujiang:model:press\")");
    }

    @Test
    void refusesAThingDescriptionAndAnOldContext() {
        String td = """
                {"@context": "https://www.w3.org/2019/wot/td/v1", "@type": "Thing", "id": "urn:a:b"}""";

        assertThat(errors(ThingModels.parse(td))).extracting(ModelError::pointer).containsExactly("/@context", "/@type");
    }

    @Test
    void refusesAnIdThatIsNotAUri() {
        String doc = """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "press 1"}""";

        assertThat(errors(ThingModels.parse(doc))).singleElement()
                .isEqualTo(new ModelError("/id", "id press 1 is not a URI (expected e.g. urn:pujiang:model:press or dtmi:pujiang:Press;1)"));
    }

    @Test
    void refusesAnUnknownType() {
        assertThat(errors(ThingModels.parse(tmWithProperty("t", "{\"type\": \"float\"}")))).singleElement()
                .isEqualTo(new ModelError("/properties/t/type",
                        "unknown type \"float\"; expected boolean, integer, number, string, object, array or null"));
    }

    @Test
    void refusesAMissingTypeAndATypeList() {
        assertThat(errors(ThingModels.parse(tmWithProperty("t", "{\"unit\": \"Cel\"}"))).get(0).message())
                .startsWith("type is required");
        assertThat(errors(ThingModels.parse(tmWithProperty("t", "{\"type\": [\"string\", \"null\"]}"))).get(0))
                .isEqualTo(new ModelError("/properties/t/type", "must be one type name as a string, got an array"));
    }

    @Test
    void refusesMinimumAboveMaximum() {
        assertThat(errors(ThingModels.parse(tmWithProperty("t", "{\"type\": \"integer\", \"minimum\": 10, \"maximum\": 5}"))))
                .singleElement()
                .isEqualTo(new ModelError("/properties/t", "empty range: no value is at least minimum 10 and at most maximum 5"));
    }

    @Test
    void refusesEmptyExclusiveRanges() {
        assertThat(errors(ThingModels.parse(tmWithProperty("t",
                "{\"type\": \"number\", \"exclusiveMinimum\": 5, \"exclusiveMaximum\": 5}"))).get(0).message())
                .isEqualTo("empty range: no value is at least exclusiveMinimum 5 and at most exclusiveMaximum 5");
        assertThat(errors(ThingModels.parse(tmWithProperty("t",
                "{\"type\": \"number\", \"minimum\": 5, \"exclusiveMaximum\": 5}"))).get(0).message())
                .contains("empty range");
        // A single point is a valid range: minimum 5 and maximum 5 admit exactly 5.
        ok(ThingModels.parse(tmWithProperty("t", "{\"type\": \"number\", \"minimum\": 5, \"maximum\": 5}")));
    }

    @Test
    void refusesNonNumericBounds() {
        assertThat(errors(ThingModels.parse(tmWithProperty("t", "{\"type\": \"number\", \"maximum\": \"10\"}"))))
                .singleElement().isEqualTo(new ModelError("/properties/t/maximum", "must be a finite number, got a string"));
    }

    @Test
    void refusesBadStringLimits() {
        assertThat(errors(ThingModels.parse(tmWithProperty("s", "{\"type\": \"string\", \"minLength\": 4, \"maxLength\": 2}"))))
                .singleElement().isEqualTo(new ModelError("/properties/s", "minLength 4 is greater than maxLength 2"));
        assertThat(errors(ThingModels.parse(tmWithProperty("s", "{\"type\": \"string\", \"maxLength\": -1}"))))
                .singleElement().isEqualTo(new ModelError("/properties/s/maxLength", "must be a non-negative integer, got -1"));
        assertThat(errors(ThingModels.parse(tmWithProperty("s", "{\"type\": \"string\", \"pattern\": \"[a-\"}"))).get(0))
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/properties/s/pattern");
                    assertThat(e.message()).startsWith("not a regular expression");
                });
    }

    @Test
    void refusesTermsOfAnotherType() {
        assertThat(errors(ThingModels.parse(tmWithProperty("s", "{\"type\": \"string\", \"minimum\": 0}"))))
                .singleElement().isEqualTo(new ModelError("/properties/s/minimum",
                        "minimum applies to integer and number schemas, not to string"));
        assertThat(errors(ThingModels.parse(tmWithProperty("n", "{\"type\": \"number\", \"items\": {\"type\": \"number\"}}"))))
                .extracting(ModelError::pointer).containsExactly("/properties/n/items");
    }

    @Test
    void refusesRequiredMembersThatAreNotDeclared() {
        String schema = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"a\", \"b\", \"a\"]}";

        assertThat(errors(ThingModels.parse(tmWithProperty("o", schema)))).containsExactly(
                new ModelError("/properties/o/required/1", "required member b is not in properties"),
                new ModelError("/properties/o/required/2", "member a is listed twice"));
    }

    @Test
    void refusesEnumsThatDoNotFitTheirSchema() {
        assertThat(errors(ThingModels.parse(tmWithProperty("e", "{\"type\": \"string\", \"enum\": []}")))).singleElement()
                .isEqualTo(new ModelError("/properties/e/enum", "enum must list at least one value"));
        assertThat(errors(ThingModels.parse(tmWithProperty("e", "{\"type\": \"string\", \"enum\": [\"on\", 1]}")))).singleElement()
                .isEqualTo(new ModelError("/properties/e/enum/1",
                        "value 1 does not fit the schema: expected a string, got an integer 1"));
        assertThat(errors(ThingModels.parse(tmWithProperty("e", "{\"type\": \"integer\", \"maximum\": 3, \"const\": 4}"))))
                .singleElement().satisfies(e -> assertThat(e.pointer()).isEqualTo("/properties/e/const"));
    }

    @Test
    void refusesAPropertyThatIsBothReadOnlyAndWriteOnly() {
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"type\": \"boolean\", \"readOnly\": true, \"writeOnly\": true}"))))
                .singleElement().isEqualTo(new ModelError("/properties/p", "a property cannot be both readOnly and writeOnly"));
    }

    @Test
    void refusesConstructsPujiangCannotEnforce() {
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"oneOf\": [{\"type\": \"string\"}], \"type\": \"string\"}"))))
                .extracting(ModelError::pointer).containsExactly("/properties/p/oneOf");
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"tm:ref\": \"other.tm.jsonld#/properties/p\"}"))))
                .extracting(ModelError::pointer).contains("/properties/p/tm:ref");
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"type\": \"array\", \"items\": [{\"type\": \"string\"}]}"))))
                .extracting(ModelError::pointer).containsExactly("/properties/p/items");
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"type\": \"object\", \"additionalProperties\": false}"))))
                .extracting(ModelError::pointer).containsExactly("/properties/p/additionalProperties");
        assertThat(errors(ThingModels.parse(tmWithProperty("p", "{\"type\": \"number\", \"multipleOf\": 0.5}"))))
                .extracting(ModelError::pointer).containsExactly("/properties/p/multipleOf");
    }

    @Test
    void refusesExtendsAndIncompleteLinks() {
        String doc = """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "urn:a:b",
                 "links": [{"rel": "tm:extends", "href": "./base.tm.jsonld"},
                           {"rel": "tm:submodel", "href": "./part.tm.jsonld"},
                           {"href": "./x"},
                           {"rel": "feeds", "href": "urn:a:c"},
                           {"rel": "feeds", "href": "urn:a:d"},
                           "feeds"]}""";

        assertThat(errors(ThingModels.parse(doc))).containsExactly(
                new ModelError("/links/0/rel", "tm:extends is not supported; write the inherited affordances out"),
                new ModelError("/links/1", "a tm:submodel link needs an instanceName"),
                new ModelError("/links/2", "rel is required: tm:submodel for a part, or the relation's name"),
                new ModelError("/links/4", "link or part name feeds is used twice"),
                new ModelError("/links/5", "a link must be an object, got a string"));
    }

    @Test
    void reportsEveryProblemAtOnceWithEscapedPointers() {
        String doc = """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "urn:a:b",
                 "properties": {"a/b": {"type": "bool"}, "ok": {"type": "string"}, "c~d": 5},
                 "actions": {"go": {"input": {"type": "integer", "minimum": 2, "maximum": 1}}},
                 "events": {"e": {"data": "string"}}}""";

        assertThat(errors(ThingModels.parse(doc))).extracting(ModelError::pointer).containsExactly(
                "/properties/a~1b/type", "/properties/c~0d", "/actions/go/input", "/events/e/data");
    }

    @Test
    void aModelsMapKeysAreItsAffordanceNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TwinModel("urn:a:b", null, null, null,
                        Map.of("speed", Property.of("rpm", new NumberSchema())), Map.of(), Map.of(), List.of(), List.of()))
                .withMessage("key speed holds an affordance named rpm");
    }

    @Test
    void refusesSchemasNestedTooDeep() {
        String schema = "{\"type\": \"string\"}";
        for (int i = 0; i < 40; i++) {
            schema = "{\"type\": \"array\", \"items\": " + schema + "}";
        }

        assertThat(errors(ThingModels.parse(tmWithProperty("deep", schema)))).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("schemas nest deeper than 32 levels"));
    }
}
