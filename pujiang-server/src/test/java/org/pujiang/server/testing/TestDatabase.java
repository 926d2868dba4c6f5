package org.pujiang.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.pujiang.server.config.ServerConfig;

/**
 * A fresh, empty database of one kind for one test class: an H2 file under a temp dir, or a new
 * database in the PostgreSQL server named by {@code PUJIANG_TEST_PG_URL} (with
 * {@code PUJIANG_TEST_PG_USER} and {@code PUJIANG_TEST_PG_PASSWORD}); bin/test starts a private
 * cluster and sets them. Without that URL, PostgreSQL tests are skipped with a loud message, or
 * fail when {@code CI=true}, so CI can never pass without exercising PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRES }

    private final Kind kind;
    private final ServerConfig.Database config;
    private final String adminUrl;
    private final String name;

    private TestDatabase(Kind kind, ServerConfig.Database config, String adminUrl, String name) {
        this.kind = kind;
        this.config = config;
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static TestDatabase create(Kind kind, Path tempDir) {
        return switch (kind) {
            case H2 -> new TestDatabase(kind, new ServerConfig.Database("jdbc:h2:file:" + tempDir.resolve("h2/pujiang")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 8), null, null);
            case POSTGRES -> postgres();
        };
    }

    private static TestDatabase postgres() {
        String url = System.getenv("PUJIANG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "PUJIANG_TEST_PG_URL is not set, so the PostgreSQL half of the storage and API tests cannot run. "
                    + "Run the suite with bin/test (it starts a private cluster when Debian's postgresql is installed).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: " + why);
            }
            System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    + "!!! SKIPPING PostgreSQL tests: " + why
                    + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            Assumptions.abort("SKIPPED PostgreSQL: " + why);
        }
        String user = envOr("PUJIANG_TEST_PG_USER", "postgres");
        String password = envOr("PUJIANG_TEST_PG_PASSWORD", "");
        String name = "pj_test_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
        } catch (SQLException e) {
            fail("cannot create a test database on " + url + ": " + e.getMessage());
        }
        String dbUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new TestDatabase(Kind.POSTGRES, new ServerConfig.Database(dbUrl, user, password, 8), url, name);
    }

    public Kind kind() {
        return kind;
    }

    public ServerConfig.Database config() {
        return config;
    }

    /** Drops the PostgreSQL database; H2 files go with the temp dir. */
    @Override
    public void close() {
        if (kind != Kind.POSTGRES) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl, config.user(), config.password());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
