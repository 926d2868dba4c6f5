package org.pujiang.server.ledger;

import java.time.Clock;
import org.pujiang.ledger.asset.AssetPolicy;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.storage.jdbc.Database;

/**
 * The transparency log and what is built on it, opened together: the log's key, its single writer, readers, the
 * witnesses, identity and the asset ledger. {@link #open} rebuilds the asset state from the log before the writer
 * takes any work; {@link #close} lets the writer finish what is queued and sign the last checkpoint.
 */
public final class Ledger implements AutoCloseable {
    private final LogWriter writer;
    private final LogReader reader;
    private final Witnesses witnesses;
    private final IdentityService identity;
    private final AssetLedger assets;
    private final ContentStore files;

    private Ledger(LogWriter writer, LogReader reader, Witnesses witnesses, IdentityService identity,
            AssetLedger assets, ContentStore files) {
        this.writer = writer;
        this.reader = reader;
        this.witnesses = witnesses;
        this.identity = identity;
        this.assets = assets;
        this.files = files;
    }

    public static Ledger open(ServerConfig config, Database database, Clock clock) {
        ServerConfig.Ledger c = config.ledger();
        SigningKey key = LogKey.loadOrCreate(config.dataDir(), c.origin());
        LogWriter writer = LogWriter.open(database.ledger(), key, key.name(), clock, c.checkpointInterval(), c.queue(),
                c.maxBatch());
        try {
            LogReader reader = new LogReader(database.ledger());
            Witnesses witnesses = new Witnesses(database.ledger(), writer, c.witnesses(), c.quorum(), clock);
            IdentityService identity = new IdentityService(database.assets(), database.keys(), clock, c.adultAge());
            AssetPolicy policy = new AssetPolicy(c.realNameRequired(), c.adultAge(), c.minHolding(),
                    c.maxTransfersPerDay(), c.approvedCreatorsOnly(), c.maxEditions());
            AssetLedger assets = AssetLedger.rebuild(writer, reader, policy, clock);
            writer.start();
            return new Ledger(writer, reader, witnesses, identity, assets, new ContentStore(config.dataDir()));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    public LogWriter writer() {
        return writer;
    }

    public LogReader reader() {
        return reader;
    }

    public Witnesses witnesses() {
        return witnesses;
    }

    public IdentityService identity() {
        return identity;
    }

    public AssetLedger assets() {
        return assets;
    }

    public ContentStore files() {
        return files;
    }

    @Override
    public void close() {
        writer.close();
    }
}
