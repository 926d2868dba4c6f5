package org.pujiang.server.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pujiang.ledger.log.Bundles;
import org.pujiang.ledger.log.LogAppender;
import org.pujiang.ledger.log.Tiles;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.NodeReader;
import org.pujiang.ledger.tree.Proofs;
import org.pujiang.server.storage.LedgerRepository;

/**
 * Reads the stored log for anyone: entries by index range, inclusion and consistency proofs, roots of earlier
 * sizes. Safe from any thread. Full tiles never change, so up to {@value #CACHED_TILES} of them are cached; partial
 * ones are read each time (they only grow, and a tree size at or below the committed one never needs more of a
 * partial tile than is stored).
 */
public final class LogReader {
    /** 2048 tiles × 8 KiB: the hashes of a log of about half a million entries. */
    static final int CACHED_TILES = 2048;

    private final LedgerRepository store;
    private final NodeReader nodes;
    private final Map<Long, byte[]> fullTiles = new LinkedHashMap<>(CACHED_TILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHED_TILES;
        }
    };

    public LogReader(LedgerRepository store) {
        this.store = store;
        this.nodes = Tiles.nodes(this::tile);
    }

    /** The log writer's tail as stored. */
    static LogAppender restore(LedgerRepository store) {
        long size = store.head().map(LedgerRepository.Head::size).orElse(0L);
        if (size == 0) {
            return LogAppender.empty();
        }
        byte[] partial = size % Tiles.WIDTH == 0 ? new byte[0] : store.bundle(size / Tiles.WIDTH);
        if (partial == null) {
            throw new IllegalStateException("the log holds " + size + " entries but its last bundle is missing");
        }
        LogAppender appender = LogAppender.restore(size, nodes(store), uncachedTiles(store), partial);
        byte[] stored = store.head().orElseThrow().root();
        if (!java.util.Arrays.equals(stored, appender.root())) {
            throw new IllegalStateException("the log's stored root does not match its tiles at size " + size);
        }
        return appender;
    }

    /** Node hashes read straight from the store (start-up checks). */
    static NodeReader nodes(LedgerRepository store) {
        return Tiles.nodes(uncachedTiles(store));
    }

    private static Tiles.TileSource uncachedTiles(LedgerRepository store) {
        return (level, index, minWidth) -> checked(store.tile(level, index), level, index, minWidth);
    }

    private static byte[] checked(byte[] tile, int level, long index, int minWidth) {
        if (tile == null || tile.length < minWidth * Hashes.SIZE) {
            throw new IllegalStateException("tile " + level + "/" + index + " holds "
                    + (tile == null ? 0 : tile.length / Hashes.SIZE) + " hashes; " + minWidth + " are needed");
        }
        return tile;
    }

    private byte[] tile(int level, long index, int minWidth) {
        long key = ((long) level << 56) | index;
        byte[] cached;
        synchronized (fullTiles) {
            cached = fullTiles.get(key);
        }
        if (cached != null) {
            return cached;
        }
        byte[] tile = checked(store.tile(level, index), level, index, minWidth);
        if (tile.length == Tiles.WIDTH * Hashes.SIZE) {
            synchronized (fullTiles) {
                fullTiles.put(key, tile);
            }
        }
        return tile;
    }

    /** Entries [start, end) of a log of at least {@code end} entries, as stored (the exact leaf bytes). */
    public List<byte[]> entries(long start, long end) {
        List<byte[]> out = new ArrayList<>((int) (end - start));
        if (start >= end) {
            return out;
        }
        long firstBundle = start / Tiles.WIDTH;
        long lastBundle = (end - 1) / Tiles.WIDTH;
        long index = firstBundle * Tiles.WIDTH;
        for (byte[] bundle : store.bundles(firstBundle, lastBundle + 1)) {
            for (byte[] entry : Bundles.split(bundle)) {
                if (index >= start && index < end) {
                    out.add(entry);
                }
                index++;
            }
        }
        if (out.size() != end - start) {
            throw new IllegalStateException("the store returned " + out.size() + " of entries " + start + ".." + end);
        }
        return out;
    }

    /** The entries at the given indexes (each below the log's size), reading each bundle they fall in once. */
    public List<byte[]> entriesAt(List<Long> indexes) {
        java.util.Map<Long, List<byte[]>> bundles = new java.util.HashMap<>();
        List<byte[]> out = new ArrayList<>(indexes.size());
        for (long i : indexes) {
            long b = i / Tiles.WIDTH;
            List<byte[]> bundle = bundles.computeIfAbsent(b, x -> {
                byte[] data = store.bundle(x);
                if (data == null) {
                    throw new IllegalStateException("entry bundle " + x + " is missing");
                }
                return Bundles.split(data);
            });
            int at = (int) (i % Tiles.WIDTH);
            if (at >= bundle.size()) {
                throw new IllegalStateException("entry " + i + " is not in its bundle");
            }
            out.add(bundle.get(at));
        }
        return out;
    }

    public List<byte[]> inclusion(long index, long size) {
        return Proofs.inclusion(index, size, nodes);
    }

    public List<byte[]> consistency(long from, long to) {
        return Proofs.consistency(from, to, nodes);
    }

    public byte[] root(long size) {
        return Proofs.root(size, nodes);
    }
}
