package org.pujiang.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test vectors from src/test/resources/vectors. */
final class IdVectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final JsonNode ID_NUMBERS = json("id-numbers.json");

    private IdVectors() {}

    static JsonNode json(String name) {
        try (InputStream in = IdVectors.class.getResourceAsStream("/vectors/" + name)) {
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
}
