package org.pujiang.server.config;

import org.pujiang.server.twin.TwinSettings;
import org.pujiang.twin.state.Ingestor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.pujiang.space.SpaceConfig;

/**
 * The server's effective configuration, typed and checked. Built from {@link Settings}; every
 * problem is reported as a {@link ConfigException} naming the setting and its origin.
 */
public record ServerConfig(
        String host,
        int port,
        int httpInstances,
        int maxBodyBytes,
        Path dataDir,
        Database database,
        Auth auth,
        String adminUsername,
        String adminPassword,
        boolean demoEnabled,
        boolean accessLog,
        Duration shutdownGrace,
        Duration helloTimeout,
        Duration pingInterval,
        SpaceConfig space,
        Twins twins,
        Ledger ledger,
        Agents agents) {

    /**
     * Digital humans (docs/agents.md).
     *
     * @param confidenceThreshold below it an agent says it is not sure and hands off, 0 to 1
     * @param retrievalThreads threads that answer questions
     * @param retrievalQueue questions waiting for those threads at most; beyond, {@code agent:overloaded}
     * @param kbMaxBytes the largest knowledge-base file accepted
     * @param llm the language model that phrases answers, or null (the default): answers are said as retrieved
     */
    public record Agents(double confidenceThreshold, int retrievalThreads, int retrievalQueue, int kbMaxBytes,
            Llm llm) {
        public Agents(double confidenceThreshold, int retrievalThreads, int retrievalQueue, int kbMaxBytes) {
            this(confidenceThreshold, retrievalThreads, retrievalQueue, kbMaxBytes, null);
        }

        public static Agents defaults() {
            return new Agents(0.25, 2, 256, 8 * 1024 * 1024);
        }
    }

    /**
     * An OpenAI-compatible chat-completions endpoint (agents.llm.*): base URL up to {@code /v1}, model, API key
     * (may be empty), and how long an answer may take before the retrieved answer is said instead.
     */
    public record Llm(java.net.URI url, String model, String apiKey, Duration timeout) {}

    /**
     * The transparency log and the asset policy (docs/ledger.md).
     *
     * @param origin the log's name in its checkpoints; empty: made up once, on first start, and kept with its key
     * @param witnesses the witnesses' cosignature verifier keys (vkeys)
     * @param quorum how many of those must cosign a checkpoint before it is published as the latest
     * @param minHolding may be zero (no holding period)
     */
    public record Ledger(String origin, Duration checkpointInterval, java.util.List<String> witnesses, int quorum,
            int maxBatch, int queue, boolean realNameRequired, int adultAge, Duration minHolding,
            int maxTransfersPerDay, boolean approvedCreatorsOnly, int maxEditions, int maxFileBytes) {}

    /**
     * Twins, device ingestion and history.
     *
     * @param mqttPort 0 turns the MQTT endpoint off; -1 takes any free port (tests)
     * @param bridgeUrl an external broker to subscribe to ({@code tcp://host:port}), or empty for none
     * @param bridgeMappings the bridge's topic-to-twin mappings (docs/mqtt.md)
     * @param historyRetention how long history is kept for models without their own retention
     */
    public record Twins(TwinSettings settings, String mqttHost, int mqttPort, int mqttMaxMessageBytes,
            String bridgeUrl, String bridgeMappings, Duration historyRetention) {}

    /** Where the data lives. An empty URL means the embedded H2 file database in the data dir. */
    public record Database(String url, String user, String password, int poolSize) {
        public boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    /** Account and session policy. */
    public record Auth(Duration sessionTtl, Duration guestTtl, int loginMaxFailures, Duration loginWindow,
            int argon2MemoryKib, int argon2Iterations, int argon2Parallelism) {}

    public static ServerConfig from(Settings s) {
        Path dataDir = Path.of(s.get("data-dir")).toAbsolutePath().normalize();
        String url = s.get("db.url");
        String user = s.get("db.user");
        if (url.isEmpty()) {
            // AUTO_SERVER stays off: one process owns the file. MODE=PostgreSQL keeps SQL the same on both.
            url = "jdbc:h2:file:" + dataDir.resolve("pujiang") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH";
            if (user.isEmpty()) {
                user = "sa";
            }
        } else if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("db.url (" + s.origin("db.url") + ") must start with jdbc:postgresql: or jdbc:h2:, got "
                    + Settings.maskUrlPassword(url));
        }
        Database db = new Database(url, user, s.get("db.password"), intIn(s, "db.pool-size", 1, 200));
        Auth auth = new Auth(
                duration(s, "auth.session-ttl"),
                duration(s, "auth.guest-ttl"),
                intIn(s, "auth.login.max-failures", 1, 1000),
                duration(s, "auth.login.window"),
                intIn(s, "auth.argon2.memory-kib", 1024, 4 * 1024 * 1024),
                intIn(s, "auth.argon2.iterations", 1, 100),
                intIn(s, "auth.argon2.parallelism", 1, 64));
        String host = s.get("http.host");
        if (host.isEmpty()) {
            throw new ConfigException("http.host (" + s.origin("http.host") + ") must not be empty");
        }
        return new ServerConfig(
                host,
                intIn(s, "http.port", 0, 65535),
                intIn(s, "http.instances", 0, 64),
                intIn(s, "http.max-body-bytes", 1024, 64 * 1024 * 1024),
                dataDir,
                db,
                auth,
                s.get("admin.username"),
                s.get("admin.password"),
                bool(s, "demo.enabled"),
                bool(s, "log.access"),
                duration(s, "shutdown.grace"),
                duration(s, "ws.hello-timeout"),
                duration(s, "ws.ping-interval"),
                SpaceConfig.defaults()
                        .withTickHz(intIn(s, "space.tick-hz", SpaceConfig.TICK_HZ_MIN, SpaceConfig.TICK_HZ_MAX))
                        .withK(intIn(s, "space.interest-k", 1, SpaceConfig.K_MAX))
                        .withInterestRadius(intIn(s, "space.interest-radius", 1, 1000)),
                twins(s),
                ledger(s),
                new Agents(doubleIn(s, "agents.confidence-threshold", 0, 1),
                        intIn(s, "agents.retrieval-threads", 1, 64),
                        intIn(s, "agents.retrieval-queue", 1, 1_000_000),
                        intIn(s, "agents.kb-max-bytes", 1024, 256 * 1024 * 1024), llm(s)));
    }

    private static Llm llm(Settings s) {
        String url = s.get("agents.llm.url").strip();
        if (url.isEmpty()) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("agents.llm.url (" + s.origin("agents.llm.url") + ") is not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("agents.llm.url (" + s.origin("agents.llm.url")
                    + ") must be an http or https URL such as https://api.example.com/v1, got " + url);
        }
        String model = s.get("agents.llm.model").strip();
        if (model.isEmpty()) {
            throw new ConfigException("agents.llm.model must name the model when agents.llm.url is set");
        }
        Duration timeout = duration(s, "agents.llm.timeout");
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException("agents.llm.timeout (" + s.origin("agents.llm.timeout")
                    + ") must be between 1 ms and 30 s, got " + timeout);
        }
        return new Llm(uri, model, s.get("agents.llm.api-key"), timeout);
    }

    private static Ledger ledger(Settings s) {
        java.util.List<String> witnesses = java.util.Arrays.stream(s.get("ledger.witnesses").split(","))
                .map(String::strip).filter(w -> !w.isEmpty()).toList();
        int quorum = intIn(s, "ledger.quorum", 0, 100);
        if (quorum > witnesses.size()) {
            throw new ConfigException("ledger.quorum (" + s.origin("ledger.quorum") + ") is " + quorum + " but only "
                    + witnesses.size() + " witness keys are configured in ledger.witnesses");
        }
        Duration holding;
        try {
            holding = Duration.parse(s.get("assets.min-holding"));
        } catch (DateTimeParseException e) {
            throw new ConfigException("assets.min-holding (" + s.origin("assets.min-holding")
                    + ") must be an ISO-8601 duration such as P180D or PT0S, got '" + s.get("assets.min-holding") + "'");
        }
        if (holding.isNegative()) {
            throw new ConfigException("assets.min-holding (" + s.origin("assets.min-holding") + ") must not be negative");
        }
        return new Ledger(s.get("ledger.origin").strip(), duration(s, "ledger.checkpoint-interval"), witnesses, quorum,
                intIn(s, "ledger.max-batch", 1, 65536), intIn(s, "ledger.queue", 16, 10_000_000),
                bool(s, "assets.real-name-required"), intIn(s, "assets.adult-age", 0, 150), holding,
                intIn(s, "assets.max-transfers-per-day", 1, 1_000_000), bool(s, "assets.approved-creators-only"),
                intIn(s, "assets.max-editions", 1, 100_000), intIn(s, "assets.max-file-bytes", 1024, 1024 * 1024 * 1024));
    }

    private static Twins twins(Settings s) {
        int partitions = intIn(s, "twin.partitions", 0, 64);
        TwinSettings settings = new TwinSettings(
                partitions == 0 ? TwinSettings.defaults().partitions() : partitions,
                intIn(s, "twin.device-rate", 1, 1_000_000),
                intIn(s, "twin.device-burst", 1, 1_000_000),
                new Ingestor.ClockPolicy(duration(s, "twin.clock-ahead"), duration(s, "twin.clock-behind")),
                duration(s, "twin.command-timeout"));
        String bridge = s.get("mqtt.bridge.url");
        if (!bridge.isEmpty() && !bridge.startsWith("tcp://")) {
            throw new ConfigException("mqtt.bridge.url (" + s.origin("mqtt.bridge.url") + ") must be tcp://HOST:PORT, got "
                    + Settings.maskUrlPassword(bridge));
        }
        return new Twins(settings, s.get("mqtt.host"), intIn(s, "mqtt.port", -1, 65535),
                intIn(s, "mqtt.max-message-bytes", 1024, 256 * 1024 * 1024), bridge, s.get("mqtt.bridge.mappings"),
                duration(s, "history.retention"));
    }

    private static int intIn(Settings s, String key, int min, int max) {
        String raw = s.get(key);
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new ConfigException(key + " (" + s.origin(key) + ") must be between " + min + " and " + max
                        + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " (" + s.origin(key) + ") must be a whole number, got '" + raw + "'");
        }
    }

    private static double doubleIn(Settings s, String key, double min, double max) {
        String raw = s.get(key);
        try {
            double v = Double.parseDouble(raw);
            if (!(v >= min && v <= max)) {
                throw new ConfigException(key + " (" + s.origin(key) + ") must be between " + min + " and " + max
                        + ", got " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " (" + s.origin(key) + ") must be a number, got '" + raw + "'");
        }
    }

    private static boolean bool(Settings s, String key) {
        String raw = s.get(key);
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + " (" + s.origin(key) + ") must be true or false, got '" + raw + "'");
        };
    }

    private static Duration duration(Settings s, String key) {
        String raw = s.get(key);
        try {
            Duration d = Duration.parse(raw);
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(key + " (" + s.origin(key) + ") must be positive, got " + raw);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(key + " (" + s.origin(key) + ") must be an ISO-8601 duration such as PT12H or PT30S, got '"
                    + raw + "'");
        }
    }
}
