package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.ledger.tree.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HashesTest {
    private static final JsonNode VECTORS = Vectors.json("merkle-rfc6962.json");

    /** transparency-dev/merkle rfc6962_test.go TestRFC6962Hasher; each vector carries its sha256sum derivation. */
    @Test
    void rfc6962HasherVectors() {
        for (JsonNode v : VECTORS.get("hasher")) {
            byte[] got = switch (v.get("kind").asText()) {
                case "empty" -> Hashes.empty();
                case "leaf" -> Hashes.leaf(hex(v.get("input")));
                case "node" -> Hashes.node(hex(v.get("left")), hex(v.get("right")));
                default -> throw new AssertionError(v);
            };
            assertThat(hex(got)).as("%s (%s)", v.get("desc").asText(), v.get("derivation").asText())
                    .isEqualTo(v.get("want").asText());
        }
    }

    @Test
    void standardLeafHashes() {
        for (JsonNode leaf : VECTORS.get("leaves")) {
            // e.g. leaf "" -> echo -n 00 | xxd -r -p | sha256sum = 6e340b9c...
            assertThat(hex(Hashes.leaf(hex(leaf.get("data"))))).as(leaf.get("derivation").asText())
                    .isEqualTo(leaf.get("hash").asText());
        }
    }

    @Test
    void emptyRootIsNotTheEmptyLeafAndIsAFreshCopy() {
        // echo -n | sha256sum = e3b0c442...; the empty leaf is SHA-256(0x00) = 6e340b9c...
        assertThat(hex(Hashes.empty())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.empty()).isNotEqualTo(Hashes.leaf(new byte[0]));
        byte[] mine = Hashes.empty();
        mine[0] ^= 1;
        assertThat(hex(Hashes.empty())).startsWith("e3b0");
    }

    /** rfc6962_test.go TestRFC6962HasherCollisions: domain separation and order. */
    @Test
    void leavesAndNodesDoNotCollide() {
        byte[] hello = Hashes.leaf("Hello".getBytes(StandardCharsets.UTF_8));
        byte[] world = Hashes.leaf("World".getBytes(StandardCharsets.UTF_8));
        assertThat(hello).isNotEqualTo(world);
        byte[] parent = Hashes.node(hello, world);
        byte[] joined = new byte[64];
        System.arraycopy(hello, 0, joined, 0, 32);
        System.arraycopy(world, 0, joined, 32, 32);
        assertThat(Hashes.leaf(joined)).as("second preimage as a leaf").isNotEqualTo(parent);
        assertThat(Hashes.node(world, hello)).as("order matters").isNotEqualTo(parent);
        assertThat(parent).hasSize(Hashes.SIZE);
    }

    /** The per-thread digest must not mix state between threads or between calls. */
    @Test
    void threadsGetTheSameAnswers() throws Exception {
        byte[] a = Hashes.leaf(new byte[] {1});
        byte[] b = Hashes.leaf(new byte[] {2});
        byte[] expected = Hashes.node(a, b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<Boolean> job = () -> {
                    for (int i = 0; i < 10_000; i++) {
                        if (!java.util.Arrays.equals(Hashes.node(Hashes.leaf(new byte[] {1}),
                                Hashes.leaf(new byte[] {2})), expected)) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(job));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
