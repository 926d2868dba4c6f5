package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Test vectors from src/test/resources/vectors. */
final class AssetVectors {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final JsonNode ENTRIES = json("entries.json");
    static final JsonNode MEDIA = json("media.json");

    private AssetVectors() {}

    static JsonNode json(String name) {
        try (InputStream in = AssetVectors.class.getResourceAsStream("/vectors/" + name)) {
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

    /** The bytes of a vector: "text" as UTF-8, or "hex". */
    static byte[] bytes(JsonNode node) {
        return node.has("hex") ? HexFormat.of().parseHex(node.get("hex").asText())
                : node.get("text").asText().getBytes(StandardCharsets.UTF_8);
    }

    /** A flat JSON object as {@link LedgerEntry#fields()} gives it: strings and longs, keys sorted. */
    static Map<String, Object> flat(JsonNode object) {
        Map<String, Object> m = new TreeMap<>();
        object.properties().forEach(e -> m.put(e.getKey(),
                e.getValue().isIntegralNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
        return m;
    }

    /** The record the fields describe, built with its constructor (not the decoder). */
    static LedgerEntry entry(JsonNode f) {
        AssetId asset = AssetId.parse(text(f, "asset"));
        long at = f.get("at").asLong();
        return switch (text(f, "kind")) {
            case "register" -> new LedgerEntry.Register(asset, text(f, "contentHash"),
                    MediaFormat.fromWire(text(f, "format")).orElseThrow(), f.get("size").asLong(), text(f, "title"),
                    AccountId.parse(text(f, "creator")), text(f, "licence"), f.get("editions").asInt(), at);
            case "mint" -> new LedgerEntry.Mint(asset, f.get("first").asInt(), f.get("count").asInt(),
                    AccountId.parse(text(f, "to")), at);
            case "transfer" -> new LedgerEntry.Transfer(asset, f.get("edition").asInt(),
                    AccountId.parse(text(f, "from")), AccountId.parse(text(f, "to")), f.get("prev").asLong(), at);
            case "burn" -> new LedgerEntry.Burn(asset, f.get("edition").asInt(), AccountId.parse(text(f, "from")),
                    f.get("prev").asLong(), at);
            default -> throw new AssertionError(text(f, "kind"));
        };
    }
}
