package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.ledger.tree.Vectors.hashes;
import static org.pujiang.ledger.tree.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {
    private static final JsonNode RFC6962 = Vectors.json("merkle-rfc6962.json");
    private static final JsonNode TAMPERED = Vectors.json("merkle-tampered.json");
    private static final JsonNode EXAMPLE = Vectors.json("rfc9162-example.json");

    /** echo -n | sha256sum */
    private static final byte[] EMPTY_ROOT = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /** verify_test.go sha256SomeHash: not the root of anything. */
    private static final byte[] SOME_HASH = hex("abacaba000000000000000000000000000000000000000000060061e00123456");

    @Test
    void publishedInclusionProofsVerify() throws ProofException {
        for (JsonNode v : RFC6962.get("inclusion")) {
            long index = v.get("index").asLong();
            long size = v.get("size").asLong();
            byte[] leaf = hex(v.get("leafHash"));
            byte[] root = hex(v.get("root"));
            List<byte[]> proof = hashes(v.get("proof"));
            Verification.inclusion(index, size, leaf, proof, root);
            assertThat(Verification.rootFromInclusion(index, size, leaf, proof)).isEqualTo(root);
        }
    }

    @Test
    void publishedConsistencyProofsVerify() throws ProofException {
        for (JsonNode v : RFC6962.get("consistency")) {
            Verification.consistency(v.get("from").asLong(), v.get("to").asLong(), hex(v.get("fromRoot")),
                    hex(v.get("toRoot")), hashes(v.get("proof")));
        }
    }

    /**
     * Every corruption of verify_test.go (the cases in transparency-dev/merkle testdata/inclusion): wrong index,
     * wrong size, wrong leaf or root, garbage before or after, a flipped bit in each hash, a removed or inserted hash.
     */
    @Test
    void tamperedInclusionProofsFail() {
        assertThat(TAMPERED.get("inclusion").size()).isGreaterThan(50);
        for (JsonNode t : TAMPERED.get("inclusion")) {
            assertThatThrownBy(() -> Verification.inclusion(t.get("index").asLong(), t.get("size").asLong(),
                    hex(t.get("leafHash")), hashes(t.get("proof")), hex(t.get("root"))))
                    .as("%s of %s", t.get("desc").asText(), t.get("base").asText())
                    .isInstanceOf(ProofException.class);
        }
    }

    /** The corruptions of verify_test.go corruptConsistencyProof (testdata/consistency). */
    @Test
    void tamperedConsistencyProofsFail() {
        assertThat(TAMPERED.get("consistency").size()).isGreaterThan(50);
        for (JsonNode t : TAMPERED.get("consistency")) {
            assertThatThrownBy(() -> Verification.consistency(t.get("from").asLong(), t.get("to").asLong(),
                    hex(t.get("fromRoot")), hex(t.get("toRoot")), hashes(t.get("proof"))))
                    .as("%s of %s", t.get("desc").asText(), t.get("base").asText())
                    .isInstanceOf(ProofException.class);
        }
    }

    /** A flipped bit leads to another root; a proof of the wrong length is refused before hashing. */
    @Test
    void failuresAreTyped() {
        JsonNode v = RFC6962.get("inclusion").get(1); // leaf 0 in a tree of 8: [b, h, l]
        byte[] leaf = hex(v.get("leafHash"));
        byte[] root = hex(v.get("root"));
        List<byte[]> flipped = hashes(v.get("proof"));
        flipped.get(1)[0] ^= 8;
        assertThatThrownBy(() -> Verification.inclusion(0, 8, leaf, flipped, root))
                .isInstanceOfSatisfying(RootMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(root);
                    assertThat(e.computed()).isNotEqualTo(root).hasSize(32);
                    assertThat(e.getMessage()).contains(hex(root));
                });
        List<byte[]> shorter = hashes(v.get("proof")).subList(0, 2);
        assertThatThrownBy(() -> Verification.inclusion(0, 8, leaf, shorter, root))
                .isInstanceOf(ProofShapeException.class)
                .hasMessage("inclusion of 0 in a tree of size 8 needs 3 hashes, got 2");
        assertThatThrownBy(() -> Verification.inclusion(8, 8, leaf, hashes(v.get("proof")), root))
                .isInstanceOf(ProofShapeException.class)
                .hasMessage("leaf index 8 is outside a tree of size 8");
        assertThatThrownBy(() -> Verification.consistency(8, 1, root, root, List.of()))
                .isInstanceOf(ProofShapeException.class)
                .hasMessageContaining("from 8, to 1");
        List<byte[]> withShortHash = new ArrayList<>(hashes(v.get("proof")));
        withShortHash.set(2, new byte[31]);
        assertThatThrownBy(() -> Verification.inclusion(0, 8, leaf, withShortHash, root))
                .isInstanceOf(ProofShapeException.class)
                .hasMessage("proof hash 2 must be 32 bytes, got 31");
    }

    /** verify_test.go TestVerifyInclusionSingleEntry: the root of a one-leaf tree is its leaf hash. */
    @Test
    void singleEntry() throws ProofException {
        byte[] hash = Hashes.leaf("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Verification.inclusion(0, 1, hash, List.of(), hash);
        assertThatThrownBy(() -> Verification.inclusion(0, 1, hash, List.of(), new byte[0]))
                .isInstanceOf(ProofShapeException.class);
        assertThatThrownBy(() -> Verification.inclusion(0, 1, new byte[0], List.of(), hash))
                .isInstanceOf(ProofShapeException.class);
        assertThatThrownBy(() -> Verification.inclusion(0, 1, new byte[0], List.of(), new byte[0]))
                .isInstanceOf(ProofShapeException.class);
        assertThatThrownBy(() -> Verification.inclusion(0, 1, hash, List.of(), SOME_HASH))
                .isInstanceOf(RootMismatchException.class);
    }

    /** verify_test.go TestVerifyInclusion probes: an empty proof proves nothing for these numbers. */
    @Test
    void emptyProofProbes() {
        long[][] probes = {{0, 0}, {0, 1}, {1, 0}, {2, 1}};
        for (long[] p : probes) {
            assertThatThrownBy(() -> Verification.inclusion(p[0], p[1], SOME_HASH, List.of(), new byte[0]))
                    .isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Verification.inclusion(p[0], p[1], new byte[0], List.of(), EMPTY_ROOT))
                    .isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Verification.inclusion(p[0], p[1], SOME_HASH, List.of(), EMPTY_ROOT))
                    .isInstanceOf(ProofException.class);
        }
    }

    /** verify_test.go TestVerifyConsistency special cases, with 32-byte roots. */
    @Test
    void trivialConsistency() {
        byte[] root1 = Hashes.leaf(new byte[] {1});
        byte[] root2 = Hashes.leaf(new byte[] {2});
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(EMPTY_ROOT);
        // sizes that are always consistent: the empty tree with any tree, a tree with itself
        assertThatCode(() -> Verification.consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, none)).doesNotThrowAnyException();
        assertThatCode(() -> Verification.consistency(0, 1, EMPTY_ROOT, root2, none)).doesNotThrowAnyException();
        assertThatCode(() -> Verification.consistency(1, 1, root2, root2, none)).doesNotThrowAnyException();
        // same size, different roots: a split view
        assertThatThrownBy(() -> Verification.consistency(1, 1, root1, root2, none))
                .isInstanceOf(RootMismatchException.class);
        // the empty tree has one root
        assertThatThrownBy(() -> Verification.consistency(0, 5, root1, root2, none))
                .isInstanceOf(RootMismatchException.class);
        // time travel to the past
        assertThatThrownBy(() -> Verification.consistency(1, 0, root1, root2, none))
                .isInstanceOf(ProofShapeException.class);
        assertThatThrownBy(() -> Verification.consistency(2, 1, root1, root2, none))
                .isInstanceOf(ProofShapeException.class);
        // an empty proof between different sizes
        assertThatThrownBy(() -> Verification.consistency(1, 2, root1, root2, none))
                .isInstanceOf(ProofShapeException.class);
        // roots match but the proof is not empty
        assertThatThrownBy(() -> Verification.consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, one))
                .isInstanceOf(ProofShapeException.class);
        assertThatThrownBy(() -> Verification.consistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, one))
                .isInstanceOf(ProofShapeException.class);
    }

    /** The RFC 9162 §2.1.5 example proofs verify, and each tampered counterpart fails. */
    @Test
    void rfc9162ExampleProofsVerifyAndTheirTamperedCounterpartsFail() throws ProofException {
        JsonNode nodes = EXAMPLE.get("nodes");
        byte[] root7 = hex(nodes.get("hash").get("hash"));
        for (JsonNode e : EXAMPLE.get("inclusion")) {
            long index = e.get("index").asLong();
            byte[] leaf = hex(nodes.get(e.get("leaf").asText()).get("hash"));
            List<byte[]> proof = named(nodes, e.get("proof"));
            Verification.inclusion(index, 7, leaf, proof, root7);
            for (List<byte[]> bad : tamperings(proof)) {
                assertThatThrownBy(() -> Verification.inclusion(index, 7, leaf, bad, root7))
                        .isInstanceOf(ProofException.class);
            }
            assertThatThrownBy(() -> Verification.inclusion(index ^ 1, 7, leaf, proof, root7))
                    .as("wrong index").isInstanceOf(ProofException.class);
            // verify_test.go's treeSize * 2 and treeSize / 2: another height. (Sizes of the same height can share
            // a path shape: leaf 0 has PATH [b, h, x] in trees of 5 to 8, so a wrong size alone may not show.)
            assertThatThrownBy(() -> Verification.inclusion(index, 14, leaf, proof, root7))
                    .as("size * 2").isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Verification.inclusion(index, 3, leaf, proof, root7))
                    .as("size / 2").isInstanceOf(ProofException.class);
        }
        for (JsonNode e : EXAMPLE.get("consistency")) {
            long from = e.get("from").asLong();
            byte[] oldRoot = hex(EXAMPLE.get("roots").get(Long.toString(from)));
            List<byte[]> proof = named(nodes, e.get("proof"));
            Verification.consistency(from, 7, oldRoot, root7, proof);
            for (List<byte[]> bad : tamperings(proof)) {
                assertThatThrownBy(() -> Verification.consistency(from, 7, oldRoot, root7, bad))
                        .isInstanceOf(ProofException.class);
            }
            assertThatThrownBy(() -> Verification.consistency(from + 1, 7, oldRoot, root7, proof))
                    .as("wrong old size").isInstanceOf(ProofException.class);
            // size2 * 2 and size2 / 2, as verify_test.go (4 -> 8 has the same shape as 4 -> 7, so it cannot show)
            assertThatThrownBy(() -> Verification.consistency(from, 14, oldRoot, root7, proof))
                    .as("new size * 2").isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Verification.consistency(from, 3, oldRoot, root7, proof))
                    .as("new size / 2").isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Verification.consistency(from, 7, root7, oldRoot, proof))
                    .as("swapped roots").isInstanceOf(ProofException.class);
        }
    }

    private static List<byte[]> named(JsonNode nodes, JsonNode names) {
        List<byte[]> proof = new ArrayList<>();
        names.forEach(n -> proof.add(hex(nodes.get(n.asText()).get("hash"))));
        return proof;
    }

    /** A flipped bit in each hash, each hash removed, a hash added before and after, two hashes swapped. */
    static List<List<byte[]>> tamperings(List<byte[]> proof) {
        List<List<byte[]>> bad = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> flipped = copy(proof);
            flipped.get(i)[i % 32] ^= (byte) (1 << (i % 8));
            bad.add(flipped);
            List<byte[]> missing = copy(proof);
            missing.remove(i);
            bad.add(missing);
        }
        List<byte[]> extraEnd = copy(proof);
        extraEnd.add(SOME_HASH.clone());
        bad.add(extraEnd);
        List<byte[]> extraStart = copy(proof);
        extraStart.add(0, SOME_HASH.clone());
        bad.add(extraStart);
        if (proof.size() > 1) {
            List<byte[]> swapped = copy(proof);
            swapped.set(0, proof.get(1).clone());
            swapped.set(1, proof.get(0).clone());
            bad.add(swapped);
        }
        return bad;
    }

    private static List<byte[]> copy(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>();
        proof.forEach(h -> copy.add(h.clone()));
        return copy;
    }
}
