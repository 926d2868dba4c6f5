package org.pujiang.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.config.Settings;

/** Starts real servers on a free port for tests, configured through the same settings path as the CLI. */
public final class TestServers {
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestServers() {}

    /** The configuration of a test server over {@code db}; {@code extra} settings override. */
    public static ServerConfig config(TestDatabase db, Path dataDir, Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>();
        flags.put("http.port", "0");
        flags.put("http.instances", "2");
        flags.put("data-dir", dataDir.toString());
        flags.put("db.url", db.config().url());
        flags.put("db.user", db.config().user());
        flags.put("db.password", db.config().password());
        flags.put("db.pool-size", "8");
        flags.put("admin.password", ADMIN_PASSWORD);
        flags.put("log.access", "false");
        flags.put("shutdown.grace", "PT5S");
        flags.put("mqtt.port", "0"); // tests that need MQTT ask for a free port
        flags.putAll(extra);
        return ServerConfig.from(Settings.resolve(null, Map.of(), flags));
    }

    public static PujiangServer start(TestDatabase db, Path dataDir, Map<String, String> extra) {
        return PujiangServer.start(config(db, dataDir, extra));
    }
}
