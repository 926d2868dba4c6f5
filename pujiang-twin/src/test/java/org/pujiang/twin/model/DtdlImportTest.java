package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.twin.model.Vectors.errors;
import static org.pujiang.twin.model.Vectors.json;
import static org.pujiang.twin.model.Vectors.ok;
import static org.pujiang.twin.model.Vectors.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtdlImportTest {

    /** An interface around the given contents, for error tests. */
    private static String iface(String contents) {
        return """
                {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Thing;1", "@type": "Interface",
                 "contents": [%s]}""".formatted(contents);
    }

    // The IoT Plug and Play thermostat, in DTDL v3 form.
    @Test
    void importsTheThermostat() {
        TwinModel thermostat = ok(DtdlImport.parse(text("dtdl/thermostat.dtdl.json")));

        assertThat(thermostat.id()).isEqualTo("dtmi:com:example:Thermostat;1");
        assertThat(thermostat.version()).isEqualTo("1");
        assertThat(thermostat.title()).isEqualTo("Thermostat");

        // Telemetry -> read-only property with history; the unit becomes a UCUM code.
        assertThat(thermostat.properties().get("temperature")).isEqualTo(new Property("temperature",
                new NumberSchema(NumericRange.NONE, new Facets("Temperature", "Temperature in degrees Celsius.", "Cel", List.of(), null)),
                true, false, true, true));
        // Property with writable: true -> writable property, no history.
        Property target = thermostat.properties().get("targetTemperature");
        assertThat(target.readOnly()).isFalse();
        assertThat(target.history()).isFalse();
        // Property without writable -> read-only.
        assertThat(thermostat.properties().get("maxTempSinceLastReboot").readOnly()).isTrue();

        // Command -> action with request and response schemas.
        Action report = thermostat.actions().get("getMaxMinReport");
        assertThat(report.input()).isEqualTo(new StringSchema(null, null, null, "date-time",
                new Facets("Since", "Period to return the max-min report.", null, List.of(), null)));
        assertThat(((ObjectSchema) report.output()).properties()).containsOnlyKeys(
                "maxTemp", "minTemp", "avgTemp", "startTime", "endTime");
        assertThat(((ObjectSchema) report.output()).required()).isEmpty();
        assertThat(thermostat.actions().get("reboot").input()).isEqualTo(new IntegerSchema(NumericRange.closed(0, 65_535), Facets.NONE));
        assertThat(thermostat.actions().get("reboot").output()).isNull();
    }

    @Test
    void importsThePressWithItsComponentRelationshipsAndComplexSchemas() {
        TwinModel press = ok(DtdlImport.parse(text("dtdl/press.dtdl.json")));

        assertThat(press.title()).isEqualTo("Hydraulic press");
        assertThat(press.version()).isEqualTo("2");
        assertThat(press.parts()).containsExactly(new Part("hydraulics", "dtmi:pujiang:factory:HydraulicUnit;1"));
        assertThat(press.links()).containsExactly(new Link("feeds", "dtmi:pujiang:factory:Conveyor;1"),
                new Link("locatedIn", null));
        assertThat(press.actions()).containsOnlyKeys("emergencyStop");

        assertThat(press.properties().get("pressure").schema().unit()).isEqualTo("kPa");
        assertThat(press.properties().get("flywheelSpeed").schema().unit()).isEqualTo("rpm");
        assertThat(press.properties().get("vibration").schema()).isEqualTo(new ArraySchema(new NumberSchema()));
        // A reusable Enum from "schemas", referred to by its DTMI.
        assertThat(press.properties().get("mode").schema().facets().enumValues())
                .containsExactly(json("\"idle\""), json("\"manual\""), json("\"auto\""));
        assertThat(press.properties().get("alarmLevel").schema()).isInstanceOf(IntegerSchema.class);
        assertThat(((ObjectSchema) press.properties().get("die").schema()).properties().get("installed"))
                .isEqualTo(StringSchema.withFormat("date"));
        // Map -> object whose every member matches the map's value schema.
        assertThat(press.properties().get("shiftCounters").schema()).isEqualTo(new ObjectSchema(Map.of(), List.of(),
                new IntegerSchema(NumericRange.closed(0, 4_294_967_295L), Facets.NONE), Facets.NONE));
        assertThat(press.properties().get("toolCode").schema())
                .isEqualTo(new IntegerSchema(NumericRange.closed(-128, 127), Facets.NONE));
    }

    @Test
    void importedSchemasValidateWhatTheDeviceSends() {
        CompiledModel press = CompiledModel.of(ok(DtdlImport.parse(text("dtdl/press.dtdl.json"))));

        assertThat(press.validateReported(json("""
                {"pressure": 812.5, "mode": "auto", "alarmLevel": 2, "toolCode": -3,
                 "shiftCounters": {"early": 1200, "late": 40},
                 "position": {"type": "Point", "coordinates": [121.47, 31.23]},
                 "serviceInterval": "P30DT12H", "die": {"id": "D-7", "installed": "2026-03-01"}}"""))).isEqualTo(Validation.OK);
        assertThat(Vectors.rejected(press.validateReported(json("{\"toolCode\": 300}"))).violation()).isEqualTo(Violation.ABOVE_MAXIMUM);
        assertThat(Vectors.rejected(press.validateReported(json("{\"alarmLevel\": 3}"))).violation()).isEqualTo(Violation.NOT_IN_ENUM);
        assertThat(Vectors.rejected(press.validateReported(json("{\"shiftCounters\": {\"early\": -1}}"))).pointer())
                .isEqualTo("/shiftCounters/early");
        assertThat(Vectors.rejected(press.validateReported(json("{\"position\": {\"type\": \"Polygon\", \"coordinates\": [1, 2]}}"))))
                .extracting(Validation.Rejected::pointer, Validation.Rejected::violation)
                .containsExactly("/position/type", Violation.NOT_CONST);
        assertThat(Vectors.rejected(press.validateReported(json("{\"serviceInterval\": \"30 days\"}"))).violation())
                .isEqualTo(Violation.BAD_FORMAT);
        assertThat(Vectors.rejected(press.validateDesired(json("{\"pressure\": 1}"))).violation()).isEqualTo(Violation.READ_ONLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtdl/thermostat.dtdl.json", "dtdl/press.dtdl.json", "dtdl/hydraulic-unit.dtdl.json"})
    void importedModelsSurviveAThingModelRoundTrip(String vector) {
        TwinModel imported = ok(DtdlImport.parse(text(vector)));

        assertThat(ok(ThingModels.parse(ThingModels.write(imported)))).isEqualTo(imported);
    }

    @Test
    void refusesOtherDtdlVersions() {
        String v2 = text("dtdl/thermostat.dtdl.json").replace("dtmi:dtdl:context;3", "dtmi:dtdl:context;2");

        assertThat(errors(DtdlImport.parse(v2))).singleElement().isEqualTo(new ModelError("/@context",
                "@context must be dtmi:dtdl:context;3 (DTDL v3), got \"dtmi:dtdl:context;2\""));
    }

    @Test
    void refusesArraysNonInterfacesAndBadIds() {
        assertThat(errors(DtdlImport.parse("[{}, {}]")).get(0).message())
                .isEqualTo("expected one Interface, got an array of 2; import each interface on its own");
        assertThat(errors(DtdlImport.parse("{\"@context\": \"dtmi:dtdl:context;3\", \"@type\": \"Telemetry\", \"@id\": \"urn:x:y\"}")))
                .extracting(ModelError::pointer).containsExactly("/@type", "/@id");
        assertThat(errors(DtdlImport.parse("{\"@context\": \"dtmi:dtdl:context;3\", \"@type\": \"Interface\", \"@id\": \"dtmi:bad_:x;1\"}")))
                .extracting(ModelError::pointer).containsExactly("/@id");
        assertThat(errors(DtdlImport.parse("not json")).get(0).message()).startsWith("malformed JSON");
    }

    @Test
    void refusesUnknownAndUnsupportedSchemas() {
        assertThat(errors(DtdlImport.parse(iface("{\"@type\": \"Property\", \"name\": \"p\", \"schema\": \"int32\"}"))))
                .singleElement().isEqualTo(new ModelError("/contents/0/schema",
                        "unknown schema int32; expected a DTDL primitive or the @id of one of this interface's schemas"));
        assertThat(errors(DtdlImport.parse(iface("{\"@type\": \"Property\", \"name\": \"p\", \"schema\": \"scaledDecimal\"}"))))
                .extracting(ModelError::pointer).containsExactly("/contents/0/schema");
        assertThat(errors(DtdlImport.parse(iface("{\"@type\": \"Property\", \"name\": \"p\", \"schema\": {\"@type\": \"Union\"}}"))))
                .singleElement().isEqualTo(new ModelError("/contents/0/schema/@type",
                        "unsupported schema type Union; expected Enum, Object, Array or Map"));
        assertThat(errors(DtdlImport.parse(iface("{\"@type\": \"Telemetry\", \"name\": \"t\"}"))))
                .singleElement().isEqualTo(new ModelError("/contents/0", "schema is required"));
    }

    @Test
    void refusesBadComplexSchemas() {
        String badEnum = """
                {"@type": "Property", "name": "e", "schema": {"@type": "Enum", "valueSchema": "integer",
                  "enumValues": [{"name": "a", "enumValue": 1}, {"name": "b", "enumValue": "two"}, {"name": "a", "enumValue": 1}]}}""";
        assertThat(errors(DtdlImport.parse(iface(badEnum)))).extracting(ModelError::pointer).containsExactly(
                "/contents/0/schema/enumValues/1", "/contents/0/schema/enumValues/2/name", "/contents/0/schema/enumValues/2/enumValue");

        String badMap = """
                {"@type": "Property", "name": "m", "schema": {"@type": "Map",
                  "mapKey": {"name": "k", "schema": "integer"}, "mapValue": {"name": "v", "schema": "double"}}}""";
        assertThat(errors(DtdlImport.parse(iface(badMap)))).singleElement()
                .isEqualTo(new ModelError("/contents/0/schema/mapKey", "a Map's mapKey schema must be string"));

        String badObject = """
                {"@type": "Property", "name": "o", "schema": {"@type": "Object",
                  "fields": [{"name": "a", "schema": "double"}, {"name": "a", "schema": "string"}, {"name": "b"}]}}""";
        assertThat(errors(DtdlImport.parse(iface(badObject)))).extracting(ModelError::pointer).containsExactly(
                "/contents/0/schema/fields/1/name", "/contents/0/schema/fields/2");
    }

    @Test
    void refusesSchemasThatReferToThemselves() {
        String doc = """
                {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Loop;1", "@type": "Interface",
                 "schemas": [{"@id": "dtmi:test:Loop:List;1", "@type": "Array", "elementSchema": "dtmi:test:Loop:List;1"}],
                 "contents": [{"@type": "Property", "name": "p", "schema": "dtmi:test:Loop:List;1"}]}""";

        assertThat(errors(DtdlImport.parse(doc))).extracting(ModelError::message)
                .containsExactly("schema dtmi:test:Loop:List;1 refers to itself");
    }

    @Test
    void refusesContentsThatAreAmbiguousDuplicatedOrUnsupported() {
        String contents = """
                {"@type": ["Property", "Telemetry"], "name": "both", "schema": "double"},
                {"@type": "Event", "name": "alarm"},
                {"@type": "Property", "name": "dup", "schema": "double"},
                {"@type": "Telemetry", "name": "dup", "schema": "double"},
                {"@type": "Property", "name": "9lives", "schema": "double"},
                {"@type": "Component", "name": "c", "schema": {"@type": "Interface", "contents": []}},
                {"@type": "Relationship", "name": "r", "properties": [{"name": "since", "schema": "dateTime"}]},
                {"@type": "Relationship", "name": "s", "target": "urn:x:y"}""";

        assertThat(errors(DtdlImport.parse(iface(contents)))).extracting(ModelError::pointer).containsExactly(
                "/contents/0/@type", "/contents/1/@type", "/contents/3/name", "/contents/4/name",
                "/contents/5/schema", "/contents/6/properties", "/contents/7/target");
    }

    @Test
    void refusesExtends() {
        String doc = """
                {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Child;1", "@type": "Interface",
                 "extends": "dtmi:test:Parent;1", "contents": []}""";

        assertThat(errors(DtdlImport.parse(doc))).singleElement()
                .isEqualTo(new ModelError("/extends", "extends is not supported; import a flattened interface"));
    }
}
