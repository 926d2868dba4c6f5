package org.pujiang.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pujiang.server.agent.AgentService;
import org.pujiang.server.agent.AnswerPhraser;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.http.AgentRoutes;
import org.pujiang.server.auth.Role;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.http.ApiRoutes;
import org.pujiang.server.http.ApiVerticle;
import org.pujiang.server.http.HttpApi;
import org.pujiang.server.realtime.Gateway;
import org.pujiang.server.realtime.LiveSpaces;
import org.pujiang.server.space.Scenes;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.alert.AlertJson;
import org.pujiang.server.config.Settings;
import org.pujiang.server.mqtt.BrokerBridge;
import org.pujiang.server.mqtt.MqttEndpoint;
import org.pujiang.server.alert.AlertService;
import org.pujiang.server.http.AlertRoutes;
import org.pujiang.server.http.RouteAreas;
import org.pujiang.server.http.ScenarioRoutes;
import org.pujiang.server.twin.Replays;
import org.pujiang.server.twin.TwinAcl;
import org.pujiang.server.twin.TwinRules;
import org.pujiang.server.twin.TwinMetrics;
import org.pujiang.server.twin.TwinModelService;
import org.pujiang.server.twin.TwinService;
import org.pujiang.server.twin.TwinsInSpaces;
import org.pujiang.server.http.TwinRoutes;
import org.pujiang.server.http.LedgerRoutes;
import org.pujiang.server.http.AssetRoutes;
import org.pujiang.server.ledger.Ledger;
import org.pujiang.server.ledger.LedgerMetrics;
import org.pujiang.server.storage.history.HistoryWriter;
import org.pujiang.space.SpaceCommand;
import org.pujiang.server.storage.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pujiang node: database, services and HTTP servers. {@link #start} returns once the
 * port is bound; {@link #close} drains in-flight requests, then closes the database. Safe to close
 * from a shutdown hook.
 */
public final class PujiangServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PujiangServer.class);
    private static final long HOUSEKEEPING_MS = TimeUnit.MINUTES.toMillis(10);
    /** How often changed shared objects of live spaces are saved. */
    private static final long OBJECT_SAVE_MS = 1000;
    /** History retention runs a minute after start, then hourly. */
    private static final long RETENTION_FIRST_MS = TimeUnit.MINUTES.toMillis(1);
    private static final long RETENTION_MS = TimeUnit.HOURS.toMillis(1);

    private final ServerConfig config;
    private final Database database;
    private final Vertx vertx;
    private final HttpApi api;
    private final AuthService auth;
    private final LiveSpaces liveSpaces;
    private final List<String> deployments;
    private final int port;
    private final Optional<String> generatedAdminPassword;
    private final TwinService twins;
    private final AlertService alerts;
    private final Replays replays;
    private final HistoryWriter history;
    private final List<AutoCloseable> endpoints;
    private boolean closed;
    private int mqttPort;
    private Ledger ledger;
    private AgentService agents;

    private PujiangServer(ServerConfig config, Database database, Vertx vertx, HttpApi api, AuthService auth,
            LiveSpaces liveSpaces, List<String> deployments, int port, Optional<String> generatedAdminPassword,
            TwinService twins, AlertService alerts, Replays replays, HistoryWriter history,
            List<AutoCloseable> endpoints) {
        this.twins = twins;
        this.replays = replays;
        this.alerts = alerts;
        this.history = history;
        this.endpoints = endpoints;
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.api = api;
        this.auth = auth;
        this.liveSpaces = liveSpaces;
        this.deployments = deployments;
        this.port = port;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    /**
     * Opens the database (migrating it), makes the first admin and the demo spaces on a fresh
     * database, and binds the HTTP port.
     */
    public static PujiangServer start(ServerConfig config) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        Database database = Database.open(config.database(), config.dataDir(), metrics);
        Vertx vertx = null;
        LiveSpaces live = null;
        HistoryWriter history = null;
        TwinService twins = null;
        AlertService alerts = null;
        Replays replays = null;
        Ledger ledger = null;
        AgentService agents = null;
        try {
            Clock clock = Clock.systemUTC();
            AuthService auth = new AuthService(database.users(), database.sessions(), database.keys(), config.auth(),
                    clock);
            SpaceService spaces = new SpaceService(database.spaces(), database.users(), clock);
            TwinModelService twinModels = new TwinModelService(database.twinModels(), clock);
            history = HistoryWriter.start(database.history(), HistoryWriter.Options.defaults());

            int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
            vertx = Vertx.vertx(new VertxOptions()
                    .setEventLoopPoolSize(loops)
                    .setWorkerPoolSize(Math.max(16, config.database().poolSize() * 2)));
            Scenes scenes = Scenes.load();
            live = new LiveSpaces(config.space(), LiveSpaces.defaultThreads(), database.objects(), scenes,
                    metrics);
            Vertx vx = vertx;
            java.util.concurrent.Executor blocking = task -> vx.executeBlocking(() -> {
                task.run();
                return null;
            }, false);
            twins = new TwinService(database.twins(), twinModels, database.history(), history, clock,
                    config.twins().settings());
            LiveSpaces liveForTwins = live;
            twins.onSpaceUpdate((space, twin, update) -> liveForTwins.offer(space,
                    new SpaceCommand.TwinUpdate(twin, update.toString())));
            alerts = AlertService.create(database.alerts(), clock);
            TwinRules.install(twins, alerts);
            TwinService twinsForAlerts = twins;
            alerts.visibleTwins((user, twin) -> twinsForAlerts.allows(user, twin, TwinAcl.Permission.READ));
            alerts.onChange(change -> twinsForAlerts.publishAlert(change.alert().twin(),
                    AlertJson.alert(change.alert()).encode()));
            twins.start();
            alerts.start();
            AlertService alertsForSpaces = alerts;
            java.util.function.Function<String, List<String>> openAlerts = twin -> alertsForSpaces.unresolved().stream()
                    .filter(a -> a.twin().equals(twin)).map(a -> AlertJson.alert(a).encode()).toList();
            TwinMetrics.bind(metrics, twins, history);
            TwinRoutes twinRoutes = new TwinRoutes(auth, spaces, twinModels, twins);
            replays = new Replays(twins, database.history());
            ledger = Ledger.open(config, database, clock);
            LedgerMetrics.bind(metrics, ledger);
            AnswerPhraser phraser = config.agents().llm() == null ? AnswerPhraser.RETRIEVED
                    : new org.pujiang.server.agent.llm.LlmPhraser(config.agents().llm());
            agents = new AgentService(database.agents(), spaces, config.agents(), phraser, clock);
            new org.pujiang.server.agent.AgentsInSpaces(agents, live, scenes, blocking);
            AgentService.Stats asks = agents.stats();
            for (var outcome : java.util.Map.of("answered", asks.answered, "handoff", asks.handedOff, "refused",
                    asks.refused, "failed", asks.failed).entrySet()) {
                io.micrometer.core.instrument.FunctionCounter.builder("pujiang.agent.questions", outcome.getValue(),
                        java.util.concurrent.atomic.LongAdder::doubleValue).tag("outcome", outcome.getKey())
                        .description("questions asked of agents, over REST and in spaces").register(metrics);
            }
            io.micrometer.core.instrument.FunctionCounter.builder("pujiang.agent.answer.time", asks.answerNanos,
                    n -> n.doubleValue() / 1e9).baseUnit("seconds").register(metrics);
            List<ApiRoutes.Route> more = RouteAreas.all(twinRoutes, new AlertRoutes(alerts),
                    new ScenarioRoutes(spaces, twins, twinModels, alerts, replays),
                    new LedgerRoutes(ledger.writer(), ledger.reader(), ledger.witnesses()),
                    new AssetRoutes(ledger, spaces, scenes, database.users(), database.assets(), config.ledger(),
                            clock),
                    new AgentRoutes(agents, config.agents().kbMaxBytes()));
            HttpApi api = new HttpApi(new ApiRoutes(auth, spaces, scenes, live::online, more), auth,
                    database, metrics, config.maxBodyBytes(), config.accessLog(), Version.get());
            Gateway gateway = new Gateway(auth, spaces, live, metrics, config.helloTimeout(), config.pingInterval(),
                    new TwinsInSpaces(twins, blocking, openAlerts));

            int instances = config.httpInstances() > 0 ? config.httpInstances() : loops;
            List<String> deployments = new ArrayList<>();
            // Every instance asks for the same port; Vert.x binds once and spreads connections across
            // them. A negative port is Vert.x's "random port shared by all who ask for it" (port 0
            // would give each instance a port of its own).
            int requested = config.port() == 0 ? -1 : config.port();
            List<ApiVerticle> servers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                ApiVerticle verticle = new ApiVerticle(api, gateway, config.host(), requested, config.shutdownGrace());
                deployments.add(await(vertx.deployVerticle(verticle)));
                servers.add(verticle);
            }
            int port = servers.get(0).actualPort();
            for (ApiVerticle other : servers) {
                if (other.actualPort() != port) {
                    throw new IllegalStateException("HTTP servers bound different ports: " + port + " and "
                            + other.actualPort());
                }
            }
            // Only once the port is ours: a start that fails to bind must not create an admin whose
            // generated password nobody saw.
            List<AutoCloseable> endpoints = new ArrayList<>();
            int mqttPort = startDevices(vertx, config, twins, metrics, endpoints);
            TwinService twinsForDemo = twins;
            Ledger ledgerForDemo = ledger;
            AlertService alertsForDemo = alerts;
            AgentService agentsForDemo = agents;
            Optional<String> generated = auth.ensureAdmin(config.adminUsername(), config.adminPassword());
            if (config.demoEnabled()) {
                database.users().findCredentials(AuthService.usernameKey(config.adminUsername()))
                        .map(c -> c.user())
                        .filter(u -> u.role() == Role.ADMIN)
                        .ifPresent(admin -> {
                            DemoContent.seed(database.keys(), spaces, admin);
                            DemoAssets.seed(database.keys(), spaces, ledgerForDemo, database.assets(), admin, clock);
                            DemoTwins.seed(database.keys(), spaces, twinModels, twinsForDemo, admin,
                                    rule -> alertsForDemo.createRule(admin, AlertRoutes.ruleSpec(rule)));
                            DemoAgents.seed(database.keys(), spaces, agentsForDemo, admin);
                        });
            }
            Vertx v = vertx;
            LiveSpaces liveSpaces = live;
            vertx.setPeriodic(OBJECT_SAVE_MS, OBJECT_SAVE_MS, id -> v.executeBlocking(() -> {
                liveSpaces.persistChanged();
                return null;
            }).onFailure(e -> log.warn("saving shared objects failed: {}", e.toString())));
            TwinService twinsForRetention = twins;
            java.time.Duration defaultRetention = config.twins().historyRetention();
            vertx.setPeriodic(RETENTION_FIRST_MS, RETENTION_MS, id -> v.executeBlocking(() -> {
                long removed = twinsForRetention.applyRetention(defaultRetention, twinModels.retentions());
                if (removed > 0) {
                    log.info("history retention removed {} rows and partitions", removed);
                }
                return null;
            }, false).onFailure(e -> log.warn("history retention failed: {}", e.toString())));
            vertx.setPeriodic(HOUSEKEEPING_MS, HOUSEKEEPING_MS, id -> v.executeBlocking(() -> {
                auth.housekeeping();
                return null;
            }, false).onFailure(e -> log.warn("housekeeping failed: {}", e.toString())));
            log.info("Pujiang {} listening on http://{}:{} ({} HTTP event loops)", Version.get(), config.host(), port,
                    instances);
            PujiangServer server = new PujiangServer(config, database, vertx, api, auth, live, deployments, port,
                    generated, twins, alerts, replays, history, endpoints);
            server.mqttPort = mqttPort;
            server.ledger = ledger;
            server.agents = agents;
            return server;
        } catch (RuntimeException e) {
            if (agents != null) {
                agents.close();
            }
            if (ledger != null) {
                ledger.close();
            }
            if (live != null) {
                live.shutdown(0);
            }
            if (replays != null) {
                replays.close();
            }
            if (twins != null) {
                twins.close();
            }
            if (alerts != null) {
                alerts.close();
            }
            if (history != null) {
                history.close();
            }
            if (vertx != null) {
                try {
                    vertx.close().await(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException timeout) {
                    e.addSuppressed(timeout);
                }
            }
            database.close();
            throw e;
        }
    }

    /** The MQTT endpoint and the external broker bridge, as configured; returns the MQTT port (0 when off). */
    private static int startDevices(Vertx vertx, ServerConfig config, TwinService twins, PrometheusMeterRegistry metrics,
            List<AutoCloseable> endpoints) {
        ServerConfig.Twins t = config.twins();
        int port = 0;
        if (t.mqttPort() != 0) {
            MqttEndpoint.Options options = MqttEndpoint.Options.defaults().withHost(t.mqttHost())
                    .withPort(t.mqttPort() < 0 ? MqttEndpoint.Options.ANY_PORT : t.mqttPort())
                    .withMaxMessageBytes(t.mqttMaxMessageBytes())
                    // One budget per device, the same as the twin partitions enforce for every channel.
                    .withRate(t.settings().deviceRate(), (int) t.settings().deviceBurst(), java.time.Duration.ofSeconds(10));
            MqttEndpoint mqtt;
            try {
                mqtt = MqttEndpoint.start(vertx, options, twins, metrics).await(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("timed out starting the MQTT endpoint", e);
            } catch (Exception e) { // Future.await rethrows the cause as it is, a BindException included
                for (Throwable c = e; c != null; c = c.getCause()) {
                    if (c instanceof java.net.BindException) {
                        // A broker installed alongside (mosquitto listens on 1883 too) is the usual cause.
                        throw new org.pujiang.server.config.ConfigException("the MQTT port " + t.mqttHost() + ":"
                                + t.mqttPort() + " is taken (" + c.getMessage() + "); is an MQTT broker such as"
                                + " mosquitto running there? Pick another with --mqtt-port, or --mqtt-port 0 to turn"
                                + " the MQTT endpoint off");
                    }
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException("the MQTT endpoint did not start", e);
            }
            endpoints.add(() -> mqtt.close().await(5, TimeUnit.SECONDS));
            twins.onDeviceGone(mqtt::disconnect);
            port = mqtt.actualPort();
            log.info("MQTT endpoint listening on {}:{}", t.mqttHost(), port);
        }
        if (!t.bridgeUrl().isEmpty()) {
            List<BrokerBridge.Mapping> mappings;
            try {
                mappings = BrokerBridge.Mapping.parseAll(t.bridgeMappings());
            } catch (IllegalArgumentException e) {
                throw new org.pujiang.server.config.ConfigException("mqtt.bridge.mappings: " + e.getMessage());
            }
            BrokerBridge bridge = BrokerBridge.start(vertx, BrokerBridge.Options.of("default", t.bridgeUrl(), mappings),
                    twins, metrics);
            endpoints.add(() -> bridge.close().await(5, TimeUnit.SECONDS));
            log.info("subscribing to broker {} with {} topic mappings", Settings.maskUrlPassword(t.bridgeUrl()),
                    mappings.size());
        }
        return port;
    }

    private static String await(Future<String> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out starting the HTTP server", e);
        }
    }

    public int port() {
        return port;
    }

    /** The MQTT device port, 0 when MQTT is off. */
    public int mqttPort() {
        return mqttPort;
    }

    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    /** The admin password generated on first start, to be shown once; empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    public Database database() {
        return database;
    }

    public AuthService auth() {
        return auth;
    }

    public TwinService twins() {
        return twins;
    }

    public HistoryWriter history() {
        return history;
    }

    public AlertService alerts() {
        return alerts;
    }

    /** The transparency log, identity and assets (issue #6). */
    public Ledger ledger() {
        return ledger;
    }

    /** Agents (digital humans), their knowledge bases and handoffs (issue #7). */
    public AgentService agents() {
        return agents;
    }

    /** Stops accepting, lets in-flight requests finish within the grace period, then closes the database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("shutting down: draining requests (grace {})", config.shutdownGrace());
        api.startDraining();
        // Devices first: no new values while the rest shuts down.
        for (AutoCloseable endpoint : endpoints) {
            try {
                endpoint.close();
            } catch (Exception e) {
                log.warn("closing a device endpoint failed: {}", e.toString());
            }
        }
        // Goodbye(SHUTTING_DOWN) to every real-time client while the sockets are still open
        liveSpaces.shutdown(2_000);
        try {
            liveSpaces.persistChanged();
        } catch (RuntimeException e) {
            log.warn("could not save shared objects at shutdown: {}", e.toString());
        }
        long graceMs = config.shutdownGrace().toMillis() + 5_000;
        try {
            Future.all(deployments.stream().map(vertx::undeploy).toList()).await(graceMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("some requests did not finish within the grace period: {}", e.toString());
        }
        // Twin state is saved and every accepted value written before the database closes.
        agents.close();
        replays.close();
        ledger.close();
        twins.close();
        alerts.close();
        history.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        database.close();
        log.info("stopped");
    }
}
