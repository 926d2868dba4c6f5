package org.pujiang.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.pujiang.ledger.tree.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {
    private static final JsonNode RFC6962 = Vectors.json("merkle-rfc6962.json");

    @Test
    void rootAfterEachOfTheStandardLeaves() {
        CompactRange range = CompactRange.empty();
        assertThat(range.size()).isZero();
        assertThat(hex(range.root())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        List<byte[]> leaves = Vectors.standardLeaves();
        for (int i = 0; i < leaves.size(); i++) {
            range.append(Hashes.leaf(leaves.get(i)));
            JsonNode expected = RFC6962.get("roots").get(i);
            assertThat(range.size()).isEqualTo(expected.get("size").asLong());
            assertThat(hex(range.root())).as(expected.get("derivation").asText())
                    .isEqualTo(expected.get("root").asText());
        }
    }

    /** The sink sees every completed perfect subtree once, leaf first, then upwards: what the tile writer stores. */
    @Test
    void sinkSeesCompletedNodesLeafFirst() {
        CompactRange range = CompactRange.empty();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            range.append(Hashes.leaf(new byte[] {(byte) i}), (level, index, hash) -> seen.add(level + "/" + index));
        }
        assertThat(seen).containsExactly(
                "0/0",
                "0/1", "1/0",
                "0/2",
                "0/3", "1/1", "2/0",
                "0/4",
                "0/5", "1/2",
                "0/6",
                "0/7", "1/3", "2/1", "3/0");
    }

    @Test
    void sinkHashesAreTheSubtreeRoots() {
        List<byte[]> entries = Vectors.standardLeaves();
        Vectors.Store store = Vectors.Store.of(entries);
        store.nodes.forEach((id, hash) -> {
            int level = Integer.parseInt(id.substring(0, id.indexOf('/')));
            int index = Integer.parseInt(id.substring(id.indexOf('/') + 1));
            List<byte[]> covered = entries.subList(index << level, (index + 1) << level);
            assertThat(hash).as(id).isEqualTo(Vectors.naiveRoot(covered));
        });
        assertThat(store.nodes).hasSize(8 + 4 + 2 + 1);
    }

    @Test
    void restoreReadsOneNodePerSetBitAndContinuesTheSameTree() {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            entries.add(new byte[] {(byte) i, 7});
        }
        Vectors.Store store = Vectors.Store.of(entries.subList(0, 13));
        CompactRange restored = CompactRange.restore(13, store.reader(13));
        // 13 = 8 + 4 + 1: subtrees [0,8), [8,12), [12,13)
        assertThat(store.reads).containsExactly("3/0", "2/2", "0/12");
        assertThat(restored.size()).isEqualTo(13);
        assertThat(restored.root()).isEqualTo(store.range.root()).isEqualTo(Vectors.naiveRoot(entries.subList(0, 13)));
        assertThat(Vectors.hexes(restored.frontier())).containsExactlyElementsOf(Vectors.hexes(store.range.frontier()));
        for (int i = 13; i < 45; i++) {
            restored.append(Hashes.leaf(entries.get(i)));
            assertThat(restored.root()).isEqualTo(Vectors.naiveRoot(entries.subList(0, i + 1)));
        }
        assertThat(CompactRange.restore(0, (level, index) -> {
            throw new AssertionError("nothing to read");
        }).root()).isEqualTo(Hashes.empty());
    }

    @Test
    void badInputIsRefused() {
        CompactRange range = CompactRange.empty();
        assertThatIllegalArgumentException().isThrownBy(() -> range.append(new byte[31]))
                .withMessage("a leaf hash is 32 bytes, got 31");
        assertThatIllegalArgumentException().isThrownBy(() -> CompactRange.restore(-1, (l, i) -> new byte[32]));
        assertThat(range.size()).isZero();
    }

    @Test
    void rootAndFrontierAreCopies() {
        CompactRange range = CompactRange.empty();
        byte[] leaf = Hashes.leaf(new byte[] {1});
        range.append(leaf);
        leaf[0] ^= 1; // the caller's array is not the range's
        byte[] root = range.root();
        assertThat(root).isEqualTo(Hashes.leaf(new byte[] {1}));
        root[0] ^= 1;
        range.frontier().get(0)[0] ^= 1;
        assertThat(range.root()).isEqualTo(Hashes.leaf(new byte[] {1}));
    }
}
