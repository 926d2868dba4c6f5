package org.pujiang.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.NodeReader;
import org.pujiang.ledger.tree.Proofs;
import org.pujiang.ledger.tree.Verification;

/**
 * The appender's writes, stored in a map the way the server's tables store them, must hold the same tree as a
 * naive computation over the entries: same roots, same nodes, proofs that verify; and an appender restored from
 * the stored writes must go on exactly where the first stopped.
 */
class LogAppenderTest {
    /** A store with the server's semantics: insert-or-replace rows keyed by (level, index) and bundle index. */
    private static final class MapStore {
        final Map<Long, byte[]> tiles = new HashMap<>();
        final Map<Long, byte[]> bundles = new HashMap<>();
        long size;

        void store(LogWrite w) {
            assertThat(w.fromSize()).isEqualTo(size);
            for (LogWrite.TileWrite t : w.tiles()) {
                long key = ((long) t.level() << 56) | t.index();
                assertThat(tiles.containsKey(key)).as("tile %d/%d stored flag", t.level(), t.index()).isEqualTo(t.stored());
                assertThat(t.hashes()).hasSize(t.width() * Hashes.SIZE);
                tiles.put(key, t.hashes());
            }
            for (LogWrite.BundleWrite b : w.bundles()) {
                assertThat(bundles.containsKey(b.index())).isEqualTo(b.stored());
                assertThat(Bundles.split(b.data())).hasSize(b.count());
                bundles.put(b.index(), b.data());
            }
            size = w.toSize();
        }

        Tiles.TileSource source() {
            return (level, index, minWidth) -> {
                byte[] t = tiles.get(((long) level << 56) | index);
                if (t == null || t.length < minWidth * Hashes.SIZE) {
                    throw new IllegalStateException("missing tile " + level + "/" + index);
                }
                return t;
            };
        }

        LogAppender restore() {
            byte[] partial = size % Tiles.WIDTH == 0 ? new byte[0] : bundles.get(size / Tiles.WIDTH);
            return LogAppender.restore(size, Tiles.nodes(source()), source(), partial);
        }

        List<byte[]> entries() {
            List<byte[]> all = new ArrayList<>();
            for (long b = 0; bundles.containsKey(b); b++) {
                all.addAll(Bundles.split(bundles.get(b)));
            }
            return all;
        }
    }

    private static byte[] entry(int i) {
        return ("entry-" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 9162 §2.1.1 MTH, computed the slow way from the leaves. */
    private static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Hashes.empty();
        }
        if (n == 1) {
            return Hashes.leaf(leaves.get(from));
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.node(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    @Test
    void batchesOfAnySizeStoreTheTreeOfTheirEntries() {
        Random random = new Random(9162);
        MapStore store = new MapStore();
        LogAppender appender = LogAppender.empty();
        List<byte[]> all = new ArrayList<>();
        int next = 0;
        while (all.size() < 70_000) {
            int n = random.nextInt(10) == 0 ? random.nextInt(3000) + 1 : random.nextInt(40) + 1;
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(entry(next++));
            }
            LogWrite write = appender.append(batch);
            store.store(write);
            all.addAll(batch);
            assertThat(write.toSize()).isEqualTo(all.size());
            if (random.nextInt(5) == 0) {
                appender = store.restore(); // as after a restart
                assertThat(appender.root()).isEqualTo(write.root());
            }
        }
        assertThat(store.entries()).hasSize(all.size());
        for (int i = 0; i < all.size(); i += 997) {
            assertThat(store.entries().get(i)).isEqualTo(all.get(i));
        }
        NodeReader nodes = Tiles.nodes(store.source());
        int size = all.size();
        assertThat(Proofs.root(size, nodes)).isEqualTo(appender.root()).isEqualTo(mth(all, 0, size));
        for (int probe : new int[] {1, 255, 256, 257, 65_535, 65_536, 65_537, 69_999}) {
            assertThat(Proofs.root(probe, nodes)).as("root of %d", probe).isEqualTo(mth(all, 0, probe));
        }
    }

    @Test
    void proofsFromTilesVerifyAgainstTheRoot() throws Exception {
        MapStore store = new MapStore();
        LogAppender appender = LogAppender.empty();
        List<byte[]> all = new ArrayList<>();
        for (int b = 0; b < 70; b++) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < 1000 + b; i++) {
                batch.add(entry(all.size() + i));
            }
            store.store(appender.append(batch));
            all.addAll(batch);
        }
        NodeReader nodes = Tiles.nodes(store.source());
        long size = all.size();
        byte[] root = appender.root();
        for (long index : new long[] {0, 1, 255, 256, 65_535, 65_536, size - 1}) {
            Verification.inclusion(index, size, Hashes.leaf(all.get((int) index)), Proofs.inclusion(index, size, nodes),
                    root);
        }
        for (long from : new long[] {1, 7, 256, 4096, 65_536, size - 1, size}) {
            byte[] old = Proofs.root(from, nodes);
            Verification.consistency(from, size, old, root, Proofs.consistency(from, size, nodes));
        }
    }

    @Test
    void anOversizedEntryIsRefusedAndNothingIsAppended() {
        LogAppender appender = LogAppender.empty();
        byte[] huge = new byte[Bundles.MAX_ENTRY + 1];
        assertThatThrownBy(() -> appender.append(List.of(entry(0), huge)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
        assertThat(appender.size()).isZero();
        assertThat(appender.root()).isEqualTo(Hashes.empty());
    }

    @Test
    void aBundleThatDoesNotFitTheSizeIsReported() {
        MapStore store = new MapStore();
        LogAppender appender = LogAppender.empty();
        store.store(appender.append(List.of(entry(0), entry(1), entry(2))));
        store.bundles.put(0L, Arrays.copyOf(store.bundles.get(0L), 10)); // truncated by a damaged store
        assertThatThrownBy(store::restore).isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
    }
}
