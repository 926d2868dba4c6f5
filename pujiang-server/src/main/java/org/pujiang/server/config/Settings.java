package org.pujiang.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Layered key/value settings: built-in defaults, then a properties file, then environment
 * variables, then command-line flags; each layer overrides the one before. Every key has a
 * default, so an unknown key in any layer is an error rather than a silent typo.
 *
 * <p>A key such as {@code db.url} is read from the environment as {@code PUJIANG_DB_URL}:
 * upper case, with dots and dashes turned into underscores.
 */
public final class Settings {
    /** Every key the server knows, with its default. Order is the order of the startup log. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "8080");
        d.put("http.instances", "0"); // 0: one HTTP verticle per event loop
        d.put("http.max-body-bytes", "65536");
        d.put("data-dir", "./data");
        d.put("db.url", ""); // empty: an embedded H2 file database under data-dir
        d.put("db.user", "");
        d.put("db.password", "");
        d.put("db.pool-size", "10");
        d.put("auth.session-ttl", "PT12H");
        d.put("auth.guest-ttl", "PT4H");
        d.put("auth.login.max-failures", "5");
        d.put("auth.login.window", "PT15M");
        d.put("auth.argon2.memory-kib", "19456");
        d.put("auth.argon2.iterations", "2");
        d.put("auth.argon2.parallelism", "1");
        d.put("admin.username", "admin");
        d.put("admin.password", "");
        d.put("demo.enabled", "true");
        d.put("log.access", "true");
        d.put("shutdown.grace", "PT10S");
        d.put("ws.hello-timeout", "PT10S");
        d.put("ws.ping-interval", "PT10S");
        d.put("space.tick-hz", "20");
        d.put("space.interest-k", "64");
        d.put("space.interest-radius", "30");
        d.put("mqtt.host", "127.0.0.1");
        d.put("mqtt.port", "1883"); // 0: no MQTT endpoint
        d.put("mqtt.max-message-bytes", "65536");
        d.put("mqtt.bridge.url", ""); // empty: no external broker
        d.put("mqtt.bridge.mappings", "");
        d.put("twin.partitions", "0"); // 0: one per CPU, at least 2
        d.put("twin.device-rate", "100");
        d.put("twin.device-burst", "200");
        d.put("twin.command-timeout", "PT10S");
        d.put("twin.clock-ahead", "PT5M");
        d.put("twin.clock-behind", "P30D");
        d.put("history.retention", "P365D");
        d.put("ledger.origin", ""); // empty: made up on first start and kept in data-dir/ledger
        d.put("ledger.checkpoint-interval", "PT1S");
        d.put("ledger.witnesses", ""); // comma-separated cosignature vkeys
        d.put("ledger.quorum", "0");
        d.put("ledger.max-batch", "8192");
        d.put("ledger.queue", "65536");
        d.put("assets.real-name-required", "true");
        d.put("assets.adult-age", "18");
        d.put("assets.min-holding", "P180D");
        d.put("assets.max-transfers-per-day", "3");
        d.put("assets.approved-creators-only", "true");
        d.put("assets.max-editions", "10000");
        d.put("assets.max-file-bytes", "33554432");
        d.put("agents.confidence-threshold", "0.25");
        d.put("agents.retrieval-threads", "2");
        d.put("agents.retrieval-queue", "256");
        d.put("agents.kb-max-bytes", "8388608");
        d.put("agents.llm.url", ""); // empty: no language model, answers are said as retrieved
        d.put("agents.llm.model", "");
        d.put("agents.llm.api-key", "");
        d.put("agents.llm.timeout", "PT3S");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * Resolves the layers.
     *
     * @param configFile a properties file, or null for none
     * @param env the process environment (passed in so tests can supply their own)
     * @param flags settings given on the command line, highest precedence
     */
    public static Settings resolve(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> origins = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(k -> origins.put(k, "default"));
        if (configFile != null) {
            for (Map.Entry<String, String> e : readFile(configFile).entrySet()) {
                put(values, origins, e.getKey(), e.getValue(), "file " + configFile);
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                put(values, origins, key, v, "env " + envName(key));
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            put(values, origins, e.getKey(), e.getValue(), "flag");
        }
        return new Settings(values, origins);
    }

    /** Variables the launcher and tools read themselves, not settings. */
    private static final java.util.Set<String> OTHER_VARIABLES = java.util.Set.of("PUJIANG_CONFIG", "PUJIANG_JAR",
            "PUJIANG_JAVA_OPTS", "PUJIANG_JVM_FLAGS", "PUJIANG_LOG_LEVEL", "PUJIANG_NEW_PASSWORD");

    /** {@code PUJIANG_*} variables that set nothing, most likely misspelt. */
    public static java.util.List<String> unknownEnvironment(Map<String, String> env) {
        java.util.Set<String> known = new java.util.HashSet<>(OTHER_VARIABLES);
        DEFAULTS.keySet().forEach(k -> known.add(envName(k)));
        return env.keySet().stream()
                .filter(n -> n.startsWith("PUJIANG_") && !n.startsWith("PUJIANG_TEST_") && !known.contains(n))
                .sorted()
                .toList();
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return "PUJIANG_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static boolean isSecret(String key) {
        return key.contains("password") || key.contains("secret") || key.endsWith("api-key");
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting " + key);
        }
        return v.trim();
    }

    public String origin(String key) {
        return origins.get(key);
    }

    /** Every setting as {@code key = value (origin)}, secrets masked, sorted by key. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            if (isSecret(e.getKey())) {
                v = v.isEmpty() ? "" : "****";
            } else if (e.getKey().equals("db.url")) {
                v = maskUrlPassword(v);
            }
            out.put(e.getKey(), v + " (" + origins.get(e.getKey()) + ")");
        }
        return out;
    }

    /** Hides a password given as a JDBC URL parameter, e.g. {@code ?password=x} or {@code ;PASSWORD=x}. */
    public static String maskUrlPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    private static void put(Map<String, String> values, Map<String, String> origins, String key, String value,
            String origin) {
        if (!DEFAULTS.containsKey(key)) {
            throw new ConfigException("unknown setting '" + key + "' from " + origin
                    + "; known settings: " + String.join(", ", DEFAULTS.keySet()));
        }
        values.put(key, value);
        origins.put(key, origin);
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }
}
