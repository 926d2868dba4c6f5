package org.pujiang.server.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.pujiang.ledger.log.LogWrite;
import org.pujiang.server.storage.LedgerRepository;

/**
 * The log on JDBC, with plain statements: the writer's path runs tens of times a second with thousands of entries
 * each, and stays a handful of batched statements per transaction. On H2 every commit is followed by
 * {@code CHECKPOINT SYNC}: H2 writes committed changes to its file only in the background (up to WRITE_DELAY later)
 * and never fsyncs them otherwise, so an acknowledged entry could be lost to a crash. PostgreSQL's commit is
 * durable by itself (synchronous_commit, fsync).
 */
final class JdbcLedgerRepository implements LedgerRepository {
    private final DataSource data;
    private final boolean postgres;

    JdbcLedgerRepository(DataSource data, boolean postgres) {
        this.data = data;
        this.postgres = postgres;
    }

    @Override
    public Optional<Head> head() {
        return query("SELECT tree_size, root FROM ledger_state WHERE id = 1", ps -> {}, rs -> rs.next()
                ? Optional.of(new Head(rs.getLong(1), rs.getBytes(2))) : Optional.empty());
    }

    @Override
    public byte[] tile(int level, long index) {
        return query("SELECT hashes FROM ledger_tiles WHERE tile_level = ? AND tile_index = ?", ps -> {
            ps.setInt(1, level);
            ps.setLong(2, index);
        }, rs -> rs.next() ? rs.getBytes(1) : null);
    }

    @Override
    public byte[] bundle(long index) {
        return query("SELECT data FROM ledger_bundles WHERE bundle_index = ?", ps -> ps.setLong(1, index),
                rs -> rs.next() ? rs.getBytes(1) : null);
    }

    @Override
    public List<byte[]> bundles(long from, long to) {
        return query("SELECT bundle_index, data FROM ledger_bundles WHERE bundle_index >= ? AND bundle_index < ?"
                + " ORDER BY bundle_index", ps -> {
                    ps.setLong(1, from);
                    ps.setLong(2, to);
                }, rs -> {
                    List<byte[]> out = new ArrayList<>();
                    long expected = from;
                    while (rs.next() && rs.getLong(1) == expected) {
                        out.add(rs.getBytes(2));
                        expected++;
                    }
                    return out;
                });
    }

    @Override
    public void store(LogWrite write, Instant now) {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try {
                long committed = 0;
                boolean hasState;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT tree_size FROM ledger_state WHERE id = 1 FOR UPDATE");
                        ResultSet rs = ps.executeQuery()) {
                    hasState = rs.next();
                    if (hasState) {
                        committed = rs.getLong(1);
                    }
                }
                if (committed != write.fromSize()) {
                    throw new IllegalStateException("the stored log has " + committed + " entries; this batch follows "
                            + write.fromSize() + " (is a second writer running on the same database?)");
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO ledger_bundles (bundle_index, entry_count, data) VALUES (?, ?, ?)");
                        PreparedStatement update = c.prepareStatement(
                                "UPDATE ledger_bundles SET entry_count = ?, data = ? WHERE bundle_index = ?")) {
                    for (LogWrite.BundleWrite b : write.bundles()) {
                        if (b.stored()) {
                            update.setInt(1, b.count());
                            update.setBytes(2, b.data());
                            update.setLong(3, b.index());
                            update.addBatch();
                        } else {
                            insert.setLong(1, b.index());
                            insert.setInt(2, b.count());
                            insert.setBytes(3, b.data());
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                    update.executeBatch();
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO ledger_tiles (tile_level, tile_index, width, hashes) VALUES (?, ?, ?, ?)");
                        PreparedStatement update = c.prepareStatement(
                                "UPDATE ledger_tiles SET width = ?, hashes = ? WHERE tile_level = ? AND tile_index = ?")) {
                    for (LogWrite.TileWrite t : write.tiles()) {
                        if (t.stored()) {
                            update.setInt(1, t.width());
                            update.setBytes(2, t.hashes());
                            update.setInt(3, t.level());
                            update.setLong(4, t.index());
                            update.addBatch();
                        } else {
                            insert.setInt(1, t.level());
                            insert.setLong(2, t.index());
                            insert.setInt(3, t.width());
                            insert.setBytes(4, t.hashes());
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                    update.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(hasState
                        ? "UPDATE ledger_state SET tree_size = ?, root = ?, updated_at = ? WHERE id = 1"
                        : "INSERT INTO ledger_state (tree_size, root, updated_at, id) VALUES (?, ?, ?, 1)")) {
                    ps.setLong(1, write.toSize());
                    ps.setBytes(2, write.root());
                    ps.setObject(3, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            sync(c);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot store log entries: " + e.getMessage(), e);
        }
    }

    /** Makes what was committed survive a crash (see the class comment). */
    private void sync(Connection c) throws SQLException {
        if (!postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public void saveCheckpoint(StoredCheckpoint cp) {
        try (Connection c = data.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger_checkpoints (tree_size, root, note, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, cp.size());
            ps.setBytes(2, cp.root());
            ps.setString(3, cp.note());
            ps.setObject(4, cp.createdAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
            sync(c);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot store a checkpoint: " + e.getMessage(), e);
        }
    }

    private static final String CHECKPOINT_COLUMNS = "SELECT tree_size, root, note, created_at FROM ledger_checkpoints";

    @Override
    public Optional<StoredCheckpoint> latestCheckpoint() {
        return query(CHECKPOINT_COLUMNS + " ORDER BY tree_size DESC LIMIT 1", ps -> {},
                rs -> rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty());
    }

    @Override
    public Optional<StoredCheckpoint> checkpoint(long size) {
        return query(CHECKPOINT_COLUMNS + " WHERE tree_size = ?", ps -> ps.setLong(1, size),
                rs -> rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty());
    }

    @Override
    public List<StoredCheckpoint> recentCheckpoints(int limit) {
        return query(CHECKPOINT_COLUMNS + " ORDER BY tree_size DESC LIMIT ?", ps -> ps.setInt(1, limit), rs -> {
            List<StoredCheckpoint> out = new ArrayList<>();
            while (rs.next()) {
                out.add(checkpoint(rs));
            }
            return out;
        });
    }

    private static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3),
                rs.getObject(4, java.time.OffsetDateTime.class).toInstant());
    }

    @Override
    public void saveCosignature(StoredCosignature cs, Instant receivedAt) {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM ledger_cosignatures WHERE tree_size = ? AND witness = ?")) {
                    del.setLong(1, cs.size());
                    del.setString(2, cs.witness());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO ledger_cosignatures"
                        + " (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)")) {
                    ins.setLong(1, cs.size());
                    ins.setString(2, cs.witness());
                    ins.setString(3, cs.line());
                    ins.setObject(4, cs.signedAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    ins.setObject(5, receivedAt.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot store a cosignature: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredCosignature> cosignatures(long size) {
        return query("SELECT tree_size, witness, line, signed_at FROM ledger_cosignatures WHERE tree_size = ?"
                + " ORDER BY witness", ps -> ps.setLong(1, size), rs -> {
                    List<StoredCosignature> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new StoredCosignature(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, java.time.OffsetDateTime.class).toInstant()));
                    }
                    return out;
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the log: " + e.getMessage(), e);
        }
    }

}
