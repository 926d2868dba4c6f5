package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test vectors from src/test/resources/vectors, and helpers to unpack typed results. */
final class Vectors {
    private Vectors() {
    }

    static String text(String path) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
            assertThat(in).as("vector %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TwinModel ok(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok) parsed).model();
    }

    static List<ModelError> errors(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        return ((Parsed.Invalid) parsed).errors();
    }

    static Validation.Rejected rejected(Validation v) {
        assertThat(v).isInstanceOf(Validation.Rejected.class);
        return (Validation.Rejected) v;
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A Thing Model document around one property, for schema error tests. */
    static String tmWithProperty(String name, String propertyJson) {
        return """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel",
                 "id": "urn:test:model", "properties": {"%s": %s}}""".formatted(name, propertyJson);
    }
}
