package org.pujiang.server.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.storage.AgentRepository;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.server.storage.ObjectRepository;
import org.pujiang.server.storage.SessionRepository;
import org.pujiang.server.storage.SpaceRepository;
import org.pujiang.server.storage.TwinModelRepository;
import org.pujiang.server.storage.TwinRepository;
import org.pujiang.server.storage.AlertRepository;
import org.pujiang.server.storage.AssetRepository;
import org.pujiang.server.storage.LedgerRepository;
import org.pujiang.server.storage.UserRepository;
import org.pujiang.server.storage.history.HistoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema and the repositories over it. Opening migrates the schema with
 * Flyway; the same migrations serve H2 and PostgreSQL. Thread-safe; close once, at shutdown.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final SpaceRepository spaces;
    private final ObjectRepository objects;
    private final KeyRepository keys;
    private final HistoryRepository history;
    private final TwinModelRepository twinModels;
    private final TwinRepository twins;
    private final AlertRepository alerts;
    private final LedgerRepository ledger;
    private final AssetRepository assets;
    private final AgentRepository agents;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        Jdbi jdbi = Jdbi.create(dataSource);
        this.users = new JdbcUserRepository(jdbi);
        this.sessions = new JdbcSessionRepository(jdbi);
        this.spaces = new JdbcSpaceRepository(jdbi);
        this.objects = new JdbcObjectRepository(jdbi);
        this.keys = new JdbcKeyRepository(jdbi);
        this.history = new JdbcHistoryRepository(jdbi, postgres);
        this.twinModels = new JdbcTwinModelRepository(jdbi);
        this.twins = new JdbcTwinRepository(jdbi);
        this.alerts = new JdbcAlertRepository(jdbi);
        this.ledger = new JdbcLedgerRepository(dataSource, postgres);
        this.assets = new JdbcAssetRepository(jdbi);
        this.agents = new JdbcAgentRepository(jdbi);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @param metrics where pool metrics go, or null for none
     * @throws DatabaseUnavailableException when the database cannot be reached or migrated
     */
    public static Database open(ServerConfig.Database config, Path dataDir, MeterRegistry metrics) {
        String url = config.url();
        if (config.isH2()) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data dir " + dataDir, e);
            }
            // Our own shutdown closes the pool after in-flight requests; H2's JVM hook must not close it first.
            if (!url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
                url = url + ";DB_CLOSE_ON_EXIT=FALSE";
            }
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("pujiang-db");
        hc.setJdbcUrl(url);
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(10_000);
        if (metrics != null) {
            hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to " + describe(config.url()) + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(JdbcHistoryRepository.migrationPlaceholders(config.isPostgres()))
                    .load()
                    .migrate();
            log.info("database {} at schema version {} ({} migrations applied now)", describe(config.url()),
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw new DatabaseUnavailableException("cannot migrate " + describe(config.url()) + ": " + rootMessage(e), e);
        }
        return new Database(ds, config.isPostgres());
    }

    public UserRepository users() {
        return users;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public SpaceRepository spaces() {
        return spaces;
    }

    public ObjectRepository objects() {
        return objects;
    }

    public KeyRepository keys() {
        return keys;
    }

    /** Telemetry history; write to it through one {@link org.pujiang.server.storage.history.HistoryWriter}. */
    public HistoryRepository history() {
        return history;
    }

    /** Twin models (issue #5), stored as canonical Thing Model JSON. */
    public TwinModelRepository twinModels() {
        return twinModels;
    }

    /** Twins, their links, device credentials and space bindings (issue #5). */
    public TwinRepository twins() {
        return twins;
    }

    /** Rules, alerts with their history, webhooks and the webhook outbox (issue #5). */
    public AlertRepository alerts() {
        return alerts;
    }

    /** The transparency log (issue #6); append to it only through the one log writer. */
    public LedgerRepository ledger() {
        return ledger;
    }

    /** Identity verifications, approved creators, placements and the audit log (issue #6). */
    public AssetRepository assets() {
        return assets;
    }

    /** Agents, their knowledge-base versions and handoffs (issue #7). */
    public AgentRepository agents() {
        return agents;
    }

    /** Whether the database answers a trivial query within {@code timeoutSeconds}. Never throws. */
    public boolean ping(int timeoutSeconds) {
        // Connection.isValid, not Statement.setQueryTimeout: on H2 the latter sets the pooled session's
        // QUERY_TIMEOUT for good, and every later query on that connection would be cut off after it.
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(timeoutSeconds)) {
                return true;
            }
            log.warn("database ping failed: no answer within {} s", timeoutSeconds);
            return false;
        } catch (SQLException | RuntimeException e) {
            log.warn("database ping failed: {}", rootMessage(e));
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        // H2 closes its file cleanly when the pool closes the last connection (DB_CLOSE_DELAY is 0).
        dataSource.close();
        log.info("database closed");
    }

    /** The URL without credentials, for messages. */
    static String describe(String url) {
        return org.pujiang.server.config.Settings.maskUrlPassword(url.replaceFirst(";.*$", ""));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
