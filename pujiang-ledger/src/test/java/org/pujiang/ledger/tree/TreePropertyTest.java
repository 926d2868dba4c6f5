package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For every tree size 1..70 and every leaf index and old size: roots from stored nodes, from the compact range and
 * from a restored range equal the naive recursive MTH (RFC 9162 §2.1.1), every generated inclusion and consistency
 * proof verifies against those naive roots, and every tampered counterpart fails.
 */
class TreePropertyTest {
    private static final int MAX = 70;

    private final List<byte[]> entries = new ArrayList<>();
    private final List<byte[]> naiveRoots = new ArrayList<>(); // naiveRoots.get(n) = MTH(D[0:n])
    private final Vectors.Store store = new Vectors.Store();

    TreePropertyTest() {
        naiveRoots.add(Hashes.empty());
        for (int i = 0; i < MAX; i++) {
            // distinct entries of 1 to 5 bytes (a repeated entry would make "the wrong leaf" the right one)
            byte[] entry = new byte[1 + i % 5];
            for (int j = 0; j < entry.length; j++) {
                entry[j] = (byte) (31 * i + j);
            }
            entries.add(entry);
            store.add(entry);
            naiveRoots.add(Vectors.naiveRoot(entries));
            assertThat(store.range.root()).as("compact range root at %s", i + 1).isEqualTo(naiveRoots.get(i + 1));
        }
    }

    @Test
    void rootsAgreeWithNaiveMth() {
        for (int size = 0; size <= MAX; size++) {
            assertThat(Proofs.root(size, store.reader(size))).as("root of %s", size).isEqualTo(naiveRoots.get(size));
            assertThat(CompactRange.restore(size, store.reader(size)).root()).as("restored root of %s", size)
                    .isEqualTo(naiveRoots.get(size));
        }
    }

    @Test
    void everyInclusionProofVerifiesAndEveryTamperingFails() throws ProofException {
        int checked = 0;
        for (int size = 1; size <= MAX; size++) {
            byte[] root = naiveRoots.get(size);
            for (int index = 0; index < size; index++) {
                byte[] leaf = Hashes.leaf(entries.get(index));
                List<byte[]> proof = Proofs.inclusion(index, size, store.reader(size));
                Verification.inclusion(index, size, leaf, proof, root);
                checked++;
                final int i = index;
                final int n = size;
                for (List<byte[]> bad : VerificationTest.tamperings(proof)) {
                    assertThatThrownBy(() -> Verification.inclusion(i, n, leaf, bad, root))
                            .as("tampered inclusion %s in %s", i, n).isInstanceOf(ProofException.class);
                }
                if (size > 1) {
                    assertThatThrownBy(() -> Verification.inclusion((i + 1) % n, n, leaf, proof, root))
                            .as("other index for %s in %s", i, n).isInstanceOf(ProofException.class);
                    byte[] otherLeaf = Hashes.leaf(entries.get((i + 1) % n));
                    assertThatThrownBy(() -> Verification.inclusion(i, n, otherLeaf, proof, root))
                            .as("other leaf for %s in %s", i, n).isInstanceOf(RootMismatchException.class);
                }
            }
        }
        assertThat(checked).isEqualTo(MAX * (MAX + 1) / 2);
    }

    @Test
    void everyConsistencyProofVerifiesAndEveryTamperingFails() throws ProofException {
        int checked = 0;
        for (int to = 1; to <= MAX; to++) {
            for (int from = 1; from <= to; from++) {
                byte[] oldRoot = naiveRoots.get(from);
                byte[] newRoot = naiveRoots.get(to);
                List<byte[]> proof = Proofs.consistency(from, to, store.reader(to));
                Verification.consistency(from, to, oldRoot, newRoot, proof);
                checked++;
                if (from == to) {
                    assertThat(proof).isEmpty();
                    continue;
                }
                final int m = from;
                final int n = to;
                for (List<byte[]> bad : VerificationTest.tamperings(proof)) {
                    assertThatThrownBy(() -> Verification.consistency(m, n, oldRoot, newRoot, bad))
                            .as("tampered consistency %s -> %s", m, n).isInstanceOf(ProofException.class);
                }
                assertThatThrownBy(() -> Verification.consistency(m, n, newRoot, oldRoot, proof))
                        .as("swapped roots %s -> %s", m, n).isInstanceOf(ProofException.class);
                byte[] forkedOld = naiveRoots.get(m - 1 == 0 ? 2 : m - 1);
                assertThatThrownBy(() -> Verification.consistency(m, n, forkedOld, newRoot, proof))
                        .as("wrong old root %s -> %s", m, n).isInstanceOf(ProofException.class);
            }
        }
        assertThat(checked).isEqualTo(MAX * (MAX + 1) / 2);
    }

    @Test
    void rightEdgeSubtreesAgreeWithNaiveMth() {
        for (int size = 1; size <= MAX; size++) {
            // every right-edge subtree the RFC recursion meets: D[k:size] for each split point k on the right border
            long begin = 0;
            while (size - begin > 1) {
                long k = Proofs.splitPoint(size - begin);
                begin += k;
                assertThat(Proofs.rangeRoot(begin, size, store.reader(size))).as("MTH(D[%s:%s])", begin, size)
                        .isEqualTo(Vectors.naiveRoot(entries.subList((int) begin, size)));
            }
        }
    }
}
