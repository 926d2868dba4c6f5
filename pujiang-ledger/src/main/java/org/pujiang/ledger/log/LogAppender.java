package org.pujiang.ledger.log;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pujiang.ledger.tree.CompactRange;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.NodeReader;

/**
 * The tail of the log as its single writer sees it: the tree's right frontier, the partial tile at each tile level
 * and the partial entry bundle. {@link #append} turns a batch of entries into the {@link LogWrite} that stores them,
 * and moves the tail forward as if that write had been stored.
 *
 * <p>Owned by one thread, the log writer; not thread-safe. When storing a write fails, the tail is ahead of the
 * store: the owner must throw this appender away and {@link #restore} a new one from the store.
 */
public final class LogAppender {
    private final CompactRange range;
    private final List<TileBuffer> tiles = new ArrayList<>();
    private final BundleBuffer bundle;

    private LogAppender(CompactRange range, BundleBuffer bundle) {
        this.range = range;
        this.bundle = bundle;
    }

    /** An appender for an empty log. */
    public static LogAppender empty() {
        return new LogAppender(CompactRange.empty(), new BundleBuffer(0, new byte[0], 0));
    }

    /**
     * The appender for a stored log of {@code size} entries.
     *
     * @param nodes reads stored perfect-subtree hashes (through tiles)
     * @param tiles reads stored tiles
     * @param partialBundle the stored content of the last, partial bundle (empty when size is a multiple of 256)
     * @throws IllegalStateException when the stored tiles or bundle do not fit the size
     */
    public static LogAppender restore(long size, NodeReader nodes, Tiles.TileSource tiles, byte[] partialBundle) {
        int count = (int) (size % Tiles.WIDTH);
        int stored = count == 0 ? 0 : Bundles.split(partialBundle).size();
        if (stored != count) {
            throw new IllegalStateException("the last entry bundle holds " + stored + " entries; a log of " + size
                    + " entries needs " + count);
        }
        LogAppender appender = new LogAppender(CompactRange.restore(size, nodes),
                new BundleBuffer(size / Tiles.WIDTH, count == 0 ? new byte[0] : partialBundle, count));
        for (int level = 0; level < Tiles.levels(size); level++) {
            long n = Tiles.nodesAt(level, size);
            int width = (int) (n % Tiles.WIDTH);
            TileBuffer buffer = new TileBuffer(n / Tiles.WIDTH);
            if (width > 0) {
                byte[] hashes = tiles.tile(level, buffer.index, width);
                System.arraycopy(hashes, 0, buffer.hashes, 0, width * Hashes.SIZE);
                buffer.width = width;
                buffer.stored = width;
            }
            appender.tiles.add(buffer);
        }
        return appender;
    }

    public long size() {
        return range.size();
    }

    public byte[] root() {
        return range.root();
    }

    /**
     * Appends entries in order: entry {@code i} gets index {@code size() + i}.
     *
     * @throws IllegalArgumentException when an entry is longer than {@link Bundles#MAX_ENTRY} (nothing is appended)
     */
    public LogWrite append(List<byte[]> entries) {
        for (byte[] entry : entries) {
            if (entry.length > Bundles.MAX_ENTRY) {
                throw new IllegalArgumentException("a log entry is at most " + Bundles.MAX_ENTRY + " bytes, got "
                        + entry.length);
            }
        }
        long from = range.size();
        List<LogWrite.TileWrite> tileWrites = new ArrayList<>();
        List<LogWrite.BundleWrite> bundleWrites = new ArrayList<>();
        CompactRange.NodeSink sink = (level, index, hash) -> {
            if (level % Tiles.HEIGHT != 0) {
                return;
            }
            int tileLevel = level / Tiles.HEIGHT;
            while (tiles.size() <= tileLevel) {
                tiles.add(new TileBuffer(0));
            }
            TileBuffer tile = tiles.get(tileLevel);
            if (index != tile.index * Tiles.WIDTH + tile.width) {
                throw new IllegalStateException("node " + index + " at level " + level + " does not follow tile "
                        + tile.index + " of width " + tile.width);
            }
            System.arraycopy(hash, 0, tile.hashes, tile.width * Hashes.SIZE, Hashes.SIZE);
            tile.width++;
            if (tile.width == Tiles.WIDTH) {
                tileWrites.add(tile.write(tileLevel));
                tile.next();
            }
        };
        for (byte[] entry : entries) {
            bundle.add(entry);
            if (bundle.count == Tiles.WIDTH) {
                bundleWrites.add(bundle.write());
                bundle.next();
            }
            range.append(Hashes.leaf(entry), sink);
        }
        if (bundle.count > bundle.stored) {
            bundleWrites.add(bundle.write());
        }
        for (int level = 0; level < tiles.size(); level++) {
            TileBuffer tile = tiles.get(level);
            if (tile.width > tile.stored) {
                tileWrites.add(tile.write(level));
            }
        }
        return new LogWrite(from, range.size(), range.root(), tileWrites, bundleWrites);
    }

    /** The partial tile of one tile level. */
    private static final class TileBuffer {
        long index;
        final byte[] hashes = new byte[Tiles.WIDTH * Hashes.SIZE];
        int width;
        int stored;

        TileBuffer(long index) {
            this.index = index;
        }

        LogWrite.TileWrite write(int level) {
            LogWrite.TileWrite w = new LogWrite.TileWrite(level, index, width,
                    Arrays.copyOf(hashes, width * Hashes.SIZE), stored > 0);
            stored = width;
            return w;
        }

        void next() {
            index++;
            width = 0;
            stored = 0;
        }
    }

    /** The partial entry bundle. */
    private static final class BundleBuffer {
        long index;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int count;
        int stored;

        BundleBuffer(long index, byte[] stored, int count) {
            this.index = index;
            this.data.writeBytes(stored);
            this.count = count;
            this.stored = count;
        }

        void add(byte[] entry) {
            Bundles.append(data, entry);
            count++;
        }

        LogWrite.BundleWrite write() {
            LogWrite.BundleWrite w = new LogWrite.BundleWrite(index, count, data.toByteArray(), stored > 0);
            stored = count;
            return w;
        }

        void next() {
            index++;
            data = new ByteArrayOutputStream();
            count = 0;
            stored = 0;
        }
    }
}
