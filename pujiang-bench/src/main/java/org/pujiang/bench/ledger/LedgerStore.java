package org.pujiang.bench.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.config.Settings;
import picocli.CommandLine.Option;

/**
 * Where a ledger benchmark keeps its log: the options ({@code --db h2|pg}, {@code --url}, {@code --user},
 * {@code --password}, {@code --data-dir}) and the server's own configuration derived from them, so that a data dir or
 * database filled here is exactly what {@code pujiang serve} with the same options opens.
 */
public final class LedgerStore {
    public enum Kind { h2, pg }

    @Option(names = "--db", defaultValue = "h2", description = "h2 (a file database in --data-dir) or pg (--url)."
            + " Default: ${DEFAULT-VALUE}.")
    Kind db;

    @Option(names = "--url", description = "With --db pg: the JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres.")
    String url;

    @Option(names = "--user", defaultValue = "postgres", description = "With --db pg. Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(names = "--password", defaultValue = "", description = "With --db pg. Default: the environment variable"
            + " PUJIANG_DB_PASSWORD, else empty.")
    String password;

    @Option(names = "--data-dir", description = "The data dir (the H2 file and the log's key live there).")
    Path dataDir;

    /** Checks the combination; returns a message for the user, or null when fine. */
    String problem(boolean needsDataDir) {
        if (db == Kind.pg && (url == null || !url.startsWith("jdbc:postgresql:"))) {
            return "--db pg needs --url jdbc:postgresql://HOST:PORT/DATABASE";
        }
        if (needsDataDir && dataDir == null) {
            return "give --data-dir";
        }
        return null;
    }

    String password() {
        if (password.isEmpty() && System.getenv("PUJIANG_DB_PASSWORD") != null) {
            return System.getenv("PUJIANG_DB_PASSWORD");
        }
        return password;
    }

    /** The server's configuration for {@code dir} and {@code jdbcUrl} (empty: H2 in the data dir). */
    ServerConfig config(Path dir, String jdbcUrl) {
        Map<String, String> flags = new HashMap<>();
        flags.put("data-dir", dir.toString());
        flags.put("db.url", jdbcUrl);
        flags.put("db.user", jdbcUrl.isEmpty() ? "" : user);
        flags.put("db.password", jdbcUrl.isEmpty() ? "" : password());
        flags.put("db.pool-size", "4");
        return ServerConfig.from(Settings.resolve(null, Map.of(), flags));
    }

    /** Makes an empty PostgreSQL database next to the one {@code --url} names; returns its URL. */
    String createDatabase(String prefix) throws SQLException {
        String name = prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
        }
        return url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database {@link #createDatabase} made. */
    void dropDatabase(String databaseUrl) {
        String name = databaseUrl.replaceFirst("^.*/([^/?]*)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(url, user, password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + name + ": " + e.getMessage());
        }
    }
}
