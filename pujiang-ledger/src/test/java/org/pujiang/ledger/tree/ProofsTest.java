package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.pujiang.ledger.tree.Vectors.hex;
import static org.pujiang.ledger.tree.Vectors.hexes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProofsTest {
    private static final JsonNode RFC6962 = Vectors.json("merkle-rfc6962.json");
    private static final JsonNode EXAMPLE = Vectors.json("rfc9162-example.json");

    private final Vectors.Store store = Vectors.Store.of(Vectors.standardLeaves());

    @Test
    void rootsOfTheStandardLeaves() {
        assertThat(hex(Proofs.root(0, store.reader(0))))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (JsonNode r : RFC6962.get("roots")) {
            long size = r.get("size").asLong();
            assertThat(hex(Proofs.root(size, store.reader(size)))).as(r.get("derivation").asText())
                    .isEqualTo(r.get("root").asText());
        }
    }

    /** proof/verify_test.go inclusionProofs, generated from stored nodes. */
    @Test
    void inclusionProofsMatchPublishedVectors() {
        for (JsonNode v : RFC6962.get("inclusion")) {
            long index = v.get("index").asLong();
            long size = v.get("size").asLong();
            List<byte[]> proof = Proofs.inclusion(index, size, store.reader(size));
            assertThat(hexes(proof)).as("inclusion %s in %s", index, size)
                    .containsExactlyElementsOf(texts(v.get("proof")));
        }
    }

    /** proof/verify_test.go consistencyProofs, generated from stored nodes. */
    @Test
    void consistencyProofsMatchPublishedVectors() {
        for (JsonNode v : RFC6962.get("consistency")) {
            long from = v.get("from").asLong();
            long to = v.get("to").asLong();
            List<byte[]> proof = Proofs.consistency(from, to, store.reader(to));
            assertThat(hexes(proof)).as("consistency %s -> %s", from, to)
                    .containsExactlyElementsOf(texts(v.get("proof")));
        }
    }

    /**
     * RFC 9162 §2.1.5: in the 7-leaf tree, PATH(a) = [b, h, l], PATH(d) = [c, g, l], PATH(j) = [i, k]; l = node(i, j)
     * is not a stored perfect subtree and must be folded from i and j.
     */
    @Test
    void rfc9162ExampleInclusionPaths() {
        JsonNode nodes = EXAMPLE.get("nodes");
        for (JsonNode e : EXAMPLE.get("inclusion")) {
            List<byte[]> proof = Proofs.inclusion(e.get("index").asLong(), 7, store.reader(7));
            List<String> expected = new ArrayList<>();
            e.get("proof").forEach(name -> expected.add(nodes.get(name.asText()).get("hash").asText()));
            assertThat(hexes(proof)).as("PATH(%s, D[7]) = %s", e.get("leaf").asText(), e.get("proof"))
                    .containsExactlyElementsOf(expected);
        }
    }

    /** RFC 9162 §2.1.5: PROOF(3, D[7]) = [c, d, g, l], PROOF(4, D[7]) = [l], PROOF(6, D[7]) = [i, j, k]. */
    @Test
    void rfc9162ExampleConsistencyProofs() {
        JsonNode nodes = EXAMPLE.get("nodes");
        for (JsonNode e : EXAMPLE.get("consistency")) {
            long from = e.get("from").asLong();
            List<byte[]> proof = Proofs.consistency(from, 7, store.reader(7));
            List<String> expected = new ArrayList<>();
            e.get("proof").forEach(name -> expected.add(nodes.get(name.asText()).get("hash").asText()));
            assertThat(hexes(proof)).as("PROOF(%s, D[7]) = %s", from, e.get("proof"))
                    .containsExactlyElementsOf(expected);
            assertThat(hex(Proofs.root(from, store.reader(from))))
                    .isEqualTo(EXAMPLE.get("roots").get(Long.toString(from)).asText());
        }
        assertThat(hex(Proofs.root(7, store.reader(7)))).isEqualTo(nodes.get("hash").get("hash").asText());
    }

    /** Each named node of the RFC example is the stored perfect subtree at its (level, index), or the fold of l. */
    @Test
    void rfc9162ExampleNodesAreWhereTheRfcDrawsThem() {
        EXAMPLE.get("nodes").properties().forEach(entry -> {
            JsonNode n = entry.getValue();
            int level = n.get("level").asInt();
            long index = n.get("index").asLong();
            long begin = index << level;
            long end = Math.min(7, (index + 1) << level);
            assertThat(hex(Proofs.rangeRoot(begin, end, store.reader(7))))
                    .as("%s = %s", entry.getKey(), n.get("derivation").asText())
                    .isEqualTo(n.get("hash").asText());
        });
    }

    /**
     * The nodes each proof reads, per transparency-dev/merkle proof/proof_test.go TestInclusion/TestConsistency
     * (their Nodes.IDs, as level/index): a proof reads exactly the perfect subtrees it is made of, plus the parts
     * of the one right-edge subtree it folds ("rehash").
     */
    @ParameterizedTest(name = "inclusion {0} in {1}")
    @MethodSource
    void inclusionReadsTheNodesOfProofTestGo(long index, long size, List<String> ids) {
        Vectors.Store big = bigStore();
        Proofs.inclusion(index, size, big.reader(size));
        assertThat(big.reads).containsExactlyInAnyOrderElementsOf(ids);
    }

    static Stream<Arguments> inclusionReadsTheNodesOfProofTestGo() {
        return Stream.of(
                Arguments.of(0, 1, List.of()),
                Arguments.of(0, 2, List.of("0/1")), // b
                Arguments.of(1, 2, List.of("0/0")), // a
                Arguments.of(1, 3, List.of("0/0", "0/2")), // a c
                Arguments.of(0, 7, List.of("0/1", "1/1", "0/6", "1/2")), // b h j i (l = hash(i, j))
                Arguments.of(1, 7, List.of("0/0", "1/1", "0/6", "1/2")), // a h j i
                Arguments.of(2, 7, List.of("0/3", "1/0", "0/6", "1/2")), // d g j i
                Arguments.of(3, 7, List.of("0/2", "1/0", "0/6", "1/2")), // c g j i
                Arguments.of(4, 7, List.of("0/5", "0/6", "2/0")), // f j k
                Arguments.of(5, 7, List.of("0/4", "0/6", "2/0")), // e j k
                Arguments.of(6, 7, List.of("1/2", "2/0")), // i k
                Arguments.of(2, 4, List.of("0/3", "1/0")), // d g
                Arguments.of(3, 5, List.of("0/2", "1/0", "0/4")), // c g e
                Arguments.of(3, 6, List.of("0/2", "1/0", "1/2")), // c g i
                Arguments.of(4, 6, List.of("0/5", "2/0")), // f k
                Arguments.of(10, 15, List.of("0/11", "1/4", "0/14", "1/6", "3/0")),
                Arguments.of(24, 31, List.of("0/25", "1/13", "0/30", "1/14", "3/2", "4/0")),
                Arguments.of(81, 95, List.of("0/80", "1/41", "2/21", "0/94", "1/46", "2/22", "4/4", "6/0")));
    }

    @ParameterizedTest(name = "consistency {0} -> {1}")
    @MethodSource
    void consistencyReadsTheNodesOfProofTestGo(long from, long to, List<String> ids) {
        Vectors.Store big = bigStore();
        Proofs.consistency(from, to, big.reader(to));
        assertThat(big.reads).containsExactlyInAnyOrderElementsOf(ids);
    }

    static Stream<Arguments> consistencyReadsTheNodesOfProofTestGo() {
        return Stream.of(
                Arguments.of(1, 2, List.of("0/1")), // b
                Arguments.of(1, 4, List.of("0/1", "1/1")), // b h
                Arguments.of(1, 6, List.of("0/1", "1/1", "1/2")), // b h i
                Arguments.of(2, 3, List.of("0/2")), // c
                Arguments.of(2, 8, List.of("1/1", "2/1")), // h l
                Arguments.of(3, 7, List.of("0/2", "0/3", "1/0", "0/6", "1/2")), // c d g j i
                Arguments.of(4, 7, List.of("0/6", "1/2")), // j i
                Arguments.of(5, 7, List.of("0/4", "0/5", "0/6", "2/0")), // e f j k
                Arguments.of(6, 7, List.of("1/2", "0/6", "2/0")), // i j k
                Arguments.of(7, 8, List.of("0/6", "0/7", "1/2", "2/0")), // j leaf#7 i k
                Arguments.of(5, 5, List.of()),
                Arguments.of(2, 4, List.of("1/1")), // h
                Arguments.of(3, 5, List.of("0/2", "0/3", "1/0", "0/4")), // c d g e
                Arguments.of(3, 6, List.of("0/2", "0/3", "1/0", "1/2")), // c d g i
                Arguments.of(4, 6, List.of("1/2")), // i
                Arguments.of(1, 7, List.of("0/1", "1/1", "0/6", "1/2")), // b h j i
                Arguments.of(10, 15, List.of("1/4", "1/5", "0/14", "1/6", "3/0")),
                Arguments.of(24, 31, List.of("3/2", "0/30", "1/14", "2/6", "4/0")),
                Arguments.of(81, 95, List.of("0/80", "0/81", "1/41", "2/21", "0/94", "1/46", "2/22", "4/4", "6/0")));
    }

    /** proof_test.go's error cases, and ours; the message carries the numbers. */
    @Test
    void badArgumentsAreRefusedWithTheNumbers() {
        NodeReader none = (level, index) -> {
            throw new AssertionError("no node should be read");
        };
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(0, 0, none))
                .withMessageContaining("index 0, size 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(1, 0, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(2, 1, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(3, 0, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(8, 7, none))
                .withMessageContaining("index 8, size 7");
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(-1, 7, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.consistency(5, 0, none))
                .withMessageContaining("from 5, to 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.consistency(9, 8, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.consistency(0, 8, none))
                .withMessageContaining("from 0, to 8");
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.root(-1, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.rangeRoot(3, 3, none));
        assertThatIllegalArgumentException().isThrownBy(() -> Proofs.rangeRoot(2, 7, none))
                .withMessageContaining("[2, 7) is not a subtree");
    }

    @Test
    void consistencyOfATreeWithItselfIsEmpty() {
        for (long size = 1; size <= 8; size++) {
            assertThat(Proofs.consistency(size, size, store.reader(size))).isEmpty();
        }
        assertThat(store.reads).isEmpty();
    }

    @Test
    void returnedHashesAreCopiesNotTheStoredArrays() {
        byte[] root = Proofs.root(4, store.reader(4)); // a perfect subtree: one stored node
        root[0] ^= 1;
        assertThat(Proofs.root(4, store.reader(4))).isNotEqualTo(root);
        List<byte[]> proof = Proofs.inclusion(0, 2, store.reader(2));
        proof.get(0)[0] ^= 1;
        assertThat(Proofs.inclusion(0, 2, store.reader(2)).get(0)).isNotEqualTo(proof.get(0));
    }

    private static Vectors.Store bigStore() {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new byte[] {(byte) i});
        }
        return Vectors.Store.of(entries);
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
