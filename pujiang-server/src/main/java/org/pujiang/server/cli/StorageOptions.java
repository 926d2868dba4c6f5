package org.pujiang.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pujiang.server.config.ConfigException;
import org.pujiang.server.config.Settings;
import picocli.CommandLine.Option;

/** Options every command that touches the data shares: config file, database, data dir, overrides. */
final class StorageOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings (see docs/operations.md). Env: PUJIANG_CONFIG.")
    Path config;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database URL, e.g. jdbc:postgresql://127.0.0.1:5432/pujiang. Default: embedded H2 in the "
                    + "data dir. Env: PUJIANG_DB_URL.")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user. Env: PUJIANG_DB_USER.")
    String dbUser;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where local data lives. Default: ./data. "
            + "Env: PUJIANG_DATA_DIR.")
    Path dataDir;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set auth.session-ttl=PT8H. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Flags as settings; the database password comes only from the file or PUJIANG_DB_PASSWORD. */
    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>(overrides);
        if (db != null) {
            f.put("db.url", db);
        }
        if (dbUser != null) {
            f.put("db.user", dbUser);
        }
        if (dataDir != null) {
            f.put("data-dir", dataDir.toString());
        }
        for (String key : f.keySet()) {
            if (Settings.isSecret(key) && overrides.containsKey(key)) {
                throw new ConfigException("give " + key + " through the config file or " + Settings.envName(key)
                        + ", not on the command line where other users can read it");
            }
        }
        return f;
    }

    Settings resolve(Map<String, String> extraFlags) {
        Map<String, String> env = System.getenv();
        Path file = config;
        if (file == null && env.get("PUJIANG_CONFIG") != null && !env.get("PUJIANG_CONFIG").isBlank()) {
            file = Path.of(env.get("PUJIANG_CONFIG"));
        }
        Map<String, String> all = flags();
        all.putAll(extraFlags);
        return Settings.resolve(file, env, all);
    }
}
