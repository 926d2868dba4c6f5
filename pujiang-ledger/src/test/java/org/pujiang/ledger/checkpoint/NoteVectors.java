package org.pujiang.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Test vectors from src/test/resources/vectors. */
final class NoteVectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final JsonNode NOTE = json("signed-note.json");
    static final JsonNode CHECKPOINTS = json("checkpoint.json");

    private NoteVectors() {
    }

    static JsonNode json(String name) {
        try (InputStream in = NoteVectors.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as("vector %s", name).isNotNull();
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as("field %s", field).isNotNull();
        return value.asText();
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
