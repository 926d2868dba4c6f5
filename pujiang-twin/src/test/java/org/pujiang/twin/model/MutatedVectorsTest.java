package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Never throws on bad input", checked the blunt way: every member of every vector is replaced in turn by a
 * value of every other JSON type, and every prefix of the text is parsed as a truncated upload would be.
 * Each variant must give a typed result, and whatever is accepted must survive a write and read back.
 */
class MutatedVectorsTest {
    private static final List<JsonNode> REPLACEMENTS = List.of(Json.NODES.nullNode(), Json.NODES.numberNode(-1),
            Json.NODES.numberNode(1.5), Json.NODES.textNode("x"), Json.NODES.booleanNode(true),
            Json.NODES.arrayNode(), Json.NODES.objectNode(), Json.NODES.arrayNode().add(Json.NODES.objectNode()));

    @ParameterizedTest
    @ValueSource(strings = {"tm/lamp.tm.json", "tm/smart-ventilator.tm.json", "tm/lamp-with-limits.tm.json",
            "tm/press.tm.json", "dtdl/thermostat.dtdl.json", "dtdl/press.dtdl.json", "dtdl/hydraulic-unit.dtdl.json"})
    void everyMutationGivesATypedResult(String vector) {
        Function<String, Parsed> parser = vector.startsWith("tm/") ? ThingModels::parse : DtdlImport::parse;
        JsonNode original = Vectors.json(Vectors.text(vector));
        int variants = 0;
        for (String pointer : pointers(original, "")) {
            for (JsonNode replacement : REPLACEMENTS) {
                JsonNode mutated = replace(original.deepCopy(), pointer, replacement);
                assertParses(parser, mutated.toString());
                variants++;
            }
        }
        String text = original.toString();
        for (int end = 0; end < text.length(); end += 7) {
            assertParses(parser, text.substring(0, end));
            variants++;
        }
        assertThat(variants).isGreaterThan(100);
    }

    private static void assertParses(Function<String, Parsed> parser, String doc) {
        assertThatCode(() -> {
            Parsed parsed = parser.apply(doc);
            if (parsed instanceof Parsed.Ok ok) {
                // whatever is accepted must also write and read back
                assertThat(ThingModels.parse(ThingModels.write(ok.model()))).isEqualTo(parsed);
            }
        }).as(doc).doesNotThrowAnyException();
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = Json.pointer(at, e.getKey());
                out.add(child);
                out.addAll(pointers(e.getValue(), child));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = Json.pointer(at, i);
                out.add(child);
                out.addAll(pointers(node.get(i), child));
            }
        }
        return out;
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String token = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(token, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(token), value.deepCopy());
        }
        return root;
    }
}
