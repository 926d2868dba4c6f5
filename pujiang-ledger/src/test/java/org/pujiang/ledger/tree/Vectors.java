package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Test vectors from src/test/resources/vectors, and small trees built from them. */
final class Vectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {
    }

    static JsonNode json(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as("vector %s", name).isNotNull();
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(h -> list.add(hex(h)));
        return list;
    }

    static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(Vectors::hex).toList();
    }

    /** The eight standard leaves ("", 00, 10, 2021, ...) of transparency-dev/merkle's tests. */
    static List<byte[]> standardLeaves() {
        List<byte[]> leaves = new ArrayList<>();
        json("merkle-rfc6962.json").get("leaves").forEach(l -> leaves.add(hex(l.get("data"))));
        return leaves;
    }

    /**
     * A log's stored perfect-subtree nodes, filled through {@link CompactRange.NodeSink} as the log writer does, and
     * read through {@link #reader(long)}, which fails the test if a caller asks for a node outside the tree size it
     * works on (the {@link NodeReader} contract) and records what was read.
     */
    static final class Store implements CompactRange.NodeSink {
        final Map<String, byte[]> nodes = new HashMap<>();
        final CompactRange range = CompactRange.empty();
        final List<String> reads = new ArrayList<>();

        static Store of(List<byte[]> entries) {
            Store store = new Store();
            entries.forEach(store::add);
            return store;
        }

        void add(byte[] entry) {
            range.append(Hashes.leaf(entry), this);
        }

        @Override
        public void node(int level, long index, byte[] hash) {
            byte[] previous = nodes.put(level + "/" + index, hash.clone());
            assertThat(previous).as("node %s/%s reported twice", level, index).isNull();
        }

        NodeReader reader(long size) {
            return (level, index) -> {
                assertThat((index + 1) << level).as("node %s/%s inside size %s", level, index, size)
                        .isLessThanOrEqualTo(size);
                reads.add(level + "/" + index);
                byte[] hash = nodes.get(level + "/" + index);
                assertThat(hash).as("stored node %s/%s", level, index).isNotNull();
                return hash;
            };
        }
    }

    /** RFC 9162 §2.1.1 MTH, straight from the definition: the reference the property tests compare against. */
    static byte[] naiveRoot(List<byte[]> entries) {
        int n = entries.size();
        if (n == 0) {
            return Hashes.empty();
        }
        if (n == 1) {
            return Hashes.leaf(entries.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.node(naiveRoot(entries.subList(0, k)), naiveRoot(entries.subList(k, n)));
    }
}
