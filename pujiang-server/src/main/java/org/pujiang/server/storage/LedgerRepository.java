package org.pujiang.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pujiang.ledger.log.LogWrite;

/**
 * The transparency log's storage: entry bundles, hash tiles, the committed tree, signed checkpoints and witness
 * cosignatures (docs/ledger.md). Only the log writer calls {@link #store}; readers may call the rest from any thread.
 */
public interface LedgerRepository {
    /** The committed tree. */
    record Head(long size, byte[] root) {}

    /** A checkpoint the log signed: its size, root and the signed note text. */
    record StoredCheckpoint(long size, byte[] root, String note, Instant createdAt) {}

    /** A witness's cosignature line of a checkpoint. */
    record StoredCosignature(long size, String witness, String line, Instant signedAt) {}

    /** The committed tree; empty before the first append. */
    Optional<Head> head();

    /** A stored tile's hashes (width × 32 bytes), or null when there is none. */
    byte[] tile(int level, long index);

    /** A stored bundle's data, or null when there is none. */
    byte[] bundle(long index);

    /** The bundles with indexes in [from, to), in order; a missing one ends the list. */
    List<byte[]> bundles(long from, long to);

    /**
     * Stores one batch atomically and moves the committed size, durably: when this returns, the batch survives a
     * crash of the process and of the machine.
     *
     * @throws IllegalStateException when the committed size is not {@code write.fromSize()} (another writer)
     */
    void store(LogWrite write, Instant now);

    void saveCheckpoint(StoredCheckpoint checkpoint);

    Optional<StoredCheckpoint> latestCheckpoint();

    Optional<StoredCheckpoint> checkpoint(long size);

    /** The newest checkpoints, newest first, at most {@code limit}. */
    List<StoredCheckpoint> recentCheckpoints(int limit);

    /** Saves or replaces a witness's cosignature of a checkpoint. */
    void saveCosignature(StoredCosignature cosignature, Instant receivedAt);

    List<StoredCosignature> cosignatures(long size);
}
