package org.pujiang.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.AlertRepository;
import org.pujiang.server.storage.AlertRepository.AlertState;
import org.pujiang.server.storage.AlertRepository.DeliveryRow;
import org.pujiang.server.storage.AlertRepository.DeliveryState;
import org.pujiang.server.storage.AlertRepository.StoredAlert;
import org.pujiang.server.storage.AlertRepository.StoredRule;
import org.pujiang.server.storage.AlertRepository.Webhook;
import org.pujiang.server.storage.jdbc.Database;
import org.pujiang.server.storage.jdbc.JdbcAlertRepository;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.twin.rules.AlertSignal;
import org.pujiang.twin.rules.Condition;
import org.pujiang.twin.rules.Rule;
import org.pujiang.twin.rules.RuleSet;
import org.pujiang.twin.rules.Severity;

/** The alert service over the real repository, once per database kind; webhooks against a real local HTTP server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertServiceContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    TestDatabase testDb;
    Database db;
    AlertRepository repo;
    AlertService service;
    User admin;
    User operator;
    User member;
    User guest;
    final List<AlertChange> changes = new CopyOnWriteArrayList<>();
    final List<RuleSet> ruleSets = new CopyOnWriteArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void open(@TempDir Path temp) {
        testDb = TestDatabase.create(kind(), temp);
        db = Database.open(testDb.config(), temp, null);
        String url = testDb.config().url() + (kind() == TestDatabase.Kind.H2 ? ";DB_CLOSE_ON_EXIT=FALSE" : "");
        repo = new JdbcAlertRepository(Jdbi.create(url, testDb.config().user(), testDb.config().password()));
        admin = newUser("admin", Role.ADMIN);
        operator = newUser("op", Role.OPERATOR);
        member = newUser("member", Role.MEMBER);
        guest = newUser("guest", Role.GUEST);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @BeforeEach
    void startService() {
        service = new AlertService(repo, Clock.systemUTC(), fastDeliverer());
        service.onChange(changes::add);
        service.onRules(ruleSets::add);
        service.start();
        changes.clear();
        ruleSets.clear();
    }

    @AfterEach
    void stopService() {
        service.close();
        for (Webhook w : repo.webhooks()) {
            repo.deleteWebhook(w.id());
        }
    }

    private WebhookDeliverer fastDeliverer() {
        return new WebhookDeliverer(repo, Clock.systemUTC(), new WebhookDeliverer.Policy(Duration.ofMillis(50),
                Duration.ofMillis(400), 4, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(100)));
    }

    private User newUser(String name, Role role) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String unique = name + Long.toString(System.nanoTime(), 36);
        User u = new User(new UserId(Ids.newId()), unique, name, role, false, now, now);
        assertThat(db.users().insert(u, unique, role == Role.GUEST ? null : "$argon2id$fake")).isTrue();
        return u;
    }

    private static RuleSpec threshold(String twin, String property, String op, double value) {
        return new RuleSpec(twin, null, property, "threshold", op, value, null, null, null, null, null, null,
                "critical", null);
    }

    private static String twin() {
        return "twin-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void rulesOfEveryKindRoundTripAndReachTheRuleSet() {
        String model = "urn:test:pump:" + System.nanoTime();
        StoredRule t = service.createRule(operator, threshold("t1", "temp", ">=", 80.5));
        StoredRule r = service.createRule(admin, new RuleSpec(null, model, "ph", "range", null, null, 6.5, 8.5, null,
                null, Duration.ofSeconds(30), 0.1, "info", "{twin} pH {value}"));
        StoredRule q = service.createRule(admin, new RuleSpec(null, model, "pressure", "rate", null, null, null, null,
                2.0, null, null, null, null, null));
        StoredRule s = service.createRule(admin, new RuleSpec("t1", null, null, "silence", null, null, null, null, null,
                Duration.ofMinutes(5), null, null, null, null));

        assertThat(t.rule().condition()).isEqualTo(new Condition.Threshold(Condition.Op.GE, 80.5));
        assertThat(r.rule().severity()).isEqualTo(Severity.INFO);
        assertThat(q.rule().severity()).isEqualTo(Severity.WARNING);
        for (StoredRule each : List.of(t, r, q, s)) {
            assertThat(repo.findRule(each.rule().id())).get().isEqualTo(each);
            assertThat(service.current().find(each.rule().id())).contains(each.rule());
        }
        assertThat(ruleSets).hasSize(4);
        // a restarted service loads them
        try (AlertService again = new AlertService(repo, Clock.systemUTC(), null)) {
            assertThat(again.current().find(r.rule().id())).contains(r.rule());
        }
        assertThat(service.listRules(member, null, model, 1, 10).items()).extracting(x -> x.rule().id())
                .containsExactly(q.rule().id(), r.rule().id());
        assertThat(service.listRules(member, "t1", null, 1, 10).items()).extracting(x -> x.rule().id())
                .contains(t.rule().id(), s.rule().id());
        assertThat(AlertJson.rule(r).getString("model")).isEqualTo(model);
        assertThat(AlertJson.rule(s).getDouble("after")).isEqualTo(300.0);

        service.deleteRule(operator, q.rule().id());
        assertThat(service.current().find(q.rule().id())).isEmpty();
        assertThatThrownBy(() -> service.getRule(member, q.rule().id()))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.RULE_NOT_FOUND);
        assertThatThrownBy(() -> service.deleteRule(operator, "not-a-uuid"))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.RULE_NOT_FOUND);
    }

    @Test
    void invalidRulesAndNonManagersAreRefused() {
        assertThatThrownBy(() -> service.createRule(member, threshold("t", "p", ">", 1)))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.FORBIDDEN);
        Map<String, RuleSpec> bad = Map.of(
                "model", new RuleSpec("t", "m", "p", "threshold", ">", 1.0, null, null, null, null, null, null, null, null),
                "op", threshold("t", "p", "=>", 1),
                "kind", new RuleSpec("t", null, "p", "spike", null, null, null, null, null, null, null, null, null, null),
                "max", new RuleSpec("t", null, "p", "range", null, null, 1.0, null, null, null, null, null, null, null),
                "property", new RuleSpec("t", null, null, "rate", null, null, null, null, 1.0, null, null, null, null, null),
                "severity", new RuleSpec("t", null, "p", "rate", null, null, null, null, 1.0, null, null, null, "fatal", null),
                "after", new RuleSpec("t", null, null, "silence", null, null, null, null, null, null, null, null, null, null));
        bad.forEach((field, spec) -> assertThatThrownBy(() -> service.createRule(admin, spec))
                .as(field).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.field()).isEqualTo(field);
                }));
        // the engine's own checks come through as rule:invalid with the numbers
        assertThatThrownBy(() -> service.createRule(admin, new RuleSpec("t", null, "p", "range", null, null, 5.0, 1.0,
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.getMessage()).contains("min must be below max");
                });
    }

    @Test
    void signalsOpenAndResolveAlertsWithTheirHistory() {
        String twin = twin();
        Rule rule = service.createRule(operator, threshold(twin, "temp", ">", 80)).rule();
        long t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        AlertSignal.Raised raised = new AlertSignal.Raised(rule.id(), twin, "temp", 85, t0, Severity.CRITICAL,
                rule.render(twin, 85));
        assertThat(service.apply(raised)).isTrue();
        service.apply(raised); // a second Raised while open is ignored
        service.flush(WAIT);

        List<StoredAlert> open = service.listAlerts(member, twin, "open", 1, 20).items();
        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo(rule.id());
            assertThat(a.value()).isEqualTo(85.0);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.openedAt()).isEqualTo(Instant.ofEpochMilli(t0));
            assertThat(a.message()).isEqualTo(twin + ": temp is 85 (> 80)");
        });
        String id = open.getFirst().id().toString();

        StoredAlert acked = service.acknowledge(member, id, "looking");
        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo(member.id());
        assertThatThrownBy(() -> service.acknowledge(member, id, null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.ALERT_STATE);
        assertThatThrownBy(() -> service.acknowledge(guest, id, null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.FORBIDDEN);

        service.apply(new AlertSignal.Cleared(rule.id(), twin, 70, t0 + 5_000, AlertSignal.Cause.CONDITION));
        service.flush(WAIT);
        AlertService.AlertWithEvents got = service.getAlert(member, id);
        assertThat(got.alert().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(got.alert().resolvedBy()).isNull();
        assertThat(got.alert().resolvedAt()).isEqualTo(Instant.ofEpochMilli(t0 + 5_000));
        assertThat(got.events()).extracting(e -> e.from() == null ? null : e.from().wireName(), e -> e.to().wireName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "open"),
                        org.assertj.core.groups.Tuple.tuple("open", "acknowledged"),
                        org.assertj.core.groups.Tuple.tuple("acknowledged", "resolved"));
        assertThat(got.events().get(1).by()).isEqualTo(member.id());
        assertThat(got.events().get(1).note()).isEqualTo("looking");
        assertThat(got.events().get(2).note()).isEqualTo("condition cleared");
        JsonObject view = AlertJson.alert(got.alert(), got.events());
        assertThat(view.getString("resolvedBy")).isEqualTo("rule");
        assertThat(view.getJsonArray("events")).hasSize(3);

        assertThat(changes).extracting(AlertChange::eventType)
                .containsExactly("alert.opened", "alert.acknowledged", "alert.resolved");
        assertThatThrownBy(() -> service.resolve(member, id, null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.ALERT_STATE);
        assertThatThrownBy(() -> service.getAlert(member, Ids.newId().toString()))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.ALERT_NOT_FOUND);
    }

    @Test
    void aUserResolvesAndALaterClearIsIgnored() {
        String twin = twin();
        Rule rule = service.createRule(operator, threshold(twin, "temp", ">", 80)).rule();
        long t0 = System.currentTimeMillis();
        service.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 99, t0, Severity.CRITICAL, "hot"));
        service.flush(WAIT);
        String id = service.listAlerts(member, twin, null, 1, 20).items().getFirst().id().toString();
        assertThat(service.resolve(operator, id, "fixed the fan").resolvedBy()).isEqualTo(operator.id());
        service.apply(new AlertSignal.Cleared(rule.id(), twin, 1, t0 + 1, AlertSignal.Cause.CONDITION));
        service.flush(WAIT);
        assertThat(service.getAlert(member, id).events()).hasSize(2);
        // the next breach opens a new alert
        service.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 99, t0 + 2, Severity.CRITICAL, "hot"));
        service.flush(WAIT);
        assertThat(service.listAlerts(member, twin, null, 1, 20).total()).isEqualTo(2);
        assertThat(service.listAlerts(member, twin, "resolved", 1, 20).total()).isEqualTo(1);
        assertThat(service.unresolved()).extracting(StoredAlert::twin).contains(twin);
    }

    @Test
    void deletingARuleResolvesItsAlertsAndStaleSignalsAreIgnored() {
        String twin = twin();
        Rule rule = service.createRule(operator, threshold(twin, "temp", ">", 80)).rule();
        service.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 99, System.currentTimeMillis(), Severity.CRITICAL, "hot"));
        service.flush(WAIT);
        service.deleteRule(admin, rule.id());
        service.flush(WAIT);
        StoredAlert a = service.listAlerts(member, twin, null, 1, 20).items().getFirst();
        assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(service.getAlert(member, a.id().toString()).events().getLast().note()).isEqualTo("rule deleted");
        service.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 99, System.currentTimeMillis(), Severity.CRITICAL, "hot"));
        service.flush(WAIT);
        assertThat(service.listAlerts(member, twin, null, 1, 20).total()).isEqualTo(1);
    }

    @Test
    void pagingFilteringAndVisibility() {
        String twin = twin();
        Rule rule = service.createRule(operator, new RuleSpec(null, "urn:m:" + System.nanoTime(), "temp", "threshold",
                ">", 1.0, null, null, null, null, null, null, null, null)).rule();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            service.apply(new AlertSignal.Raised(rule.id(), twin + "-" + i, "temp", 2, t0 + i, Severity.WARNING, "m" + i));
        }
        service.flush(WAIT);
        var page2 = service.listAlerts(member, null, "open", 2, 2);
        assertThat(page2.items()).hasSize(2);
        assertThat(page2.total()).isGreaterThanOrEqualTo(5);
        assertThat(service.listAlerts(member, twin + "-3", null, 1, 20).items()).extracting(StoredAlert::message)
                .containsExactly("m3");
        assertThatThrownBy(() -> service.listAlerts(member, null, "closed", 1, 20))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThatThrownBy(() -> service.listAlerts(member, null, null, 1, 1000))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.QUERY_INVALID);

        service.visibleTwins((user, t) -> user.role() != Role.MEMBER || !t.equals(twin + "-3"));
        assertThat(service.listAlerts(member, twin + "-3", null, 1, 20).items()).isEmpty();
        String hidden = service.listAlerts(admin, twin + "-3", null, 1, 20).items().getFirst().id().toString();
        assertThatThrownBy(() -> service.getAlert(member, hidden))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.ALERT_NOT_FOUND);
        assertThatThrownBy(() -> service.acknowledge(member, hidden, null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.ALERT_NOT_FOUND);
    }

    @Test
    void webhooksAreCheckedAndTheirSecretsShownOnce() {
        assertThatThrownBy(() -> service.createWebhook(member, "http://127.0.0.1/x", null))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.FORBIDDEN);
        for (String url : List.of("ftp://example.com/", "/relative", "http://", "not a url")) {
            assertThatThrownBy(() -> service.createWebhook(admin, url, null)).as(url)
                    .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.WEBHOOK_INVALID);
        }
        assertThatThrownBy(() -> service.createWebhook(admin, "https://example.com/hook", "short"))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.WEBHOOK_INVALID);
        Webhook w = service.createWebhook(operator, "https://example.com/hook", null);
        assertThat(w.secret()).matches("[0-9a-f]{64}");
        assertThat(AlertJson.webhook(w, true).getString("secret")).isEqualTo(w.secret());
        assertThat(AlertJson.webhooks(service.listWebhooks(admin)).getJsonArray("items").getJsonObject(0)
                .containsKey("secret")).isFalse();
        service.deleteWebhook(admin, w.id().toString());
        assertThatThrownBy(() -> service.deleteWebhook(admin, w.id().toString()))
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ErrorCode.WEBHOOK_NOT_FOUND);
    }

    /** What the local receiver saw of one request. */
    record Received(String event, String delivery, String timestamp, String signature, String body) {}

    @Test
    void transitionsArePostedSignedAndRetriedUntilDelivered() throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/flaky", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            var h = ex.getRequestHeaders();
            got.add(new Received(h.getFirst("X-Pujiang-Event"), h.getFirst("X-Pujiang-Delivery"),
                    h.getFirst("X-Pujiang-Timestamp"), h.getFirst("X-Pujiang-Signature"),
                    new String(body, StandardCharsets.UTF_8)));
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.createContext("/gone", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(410, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Webhook flaky = service.createWebhook(admin, base + "/flaky", "0123456789abcdef-secret");
            Webhook gone = service.createWebhook(admin, base + "/gone", null);
            String twin = twin();
            Rule rule = service.createRule(operator, threshold(twin, "temp", ">", 80)).rule();
            service.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 90, System.currentTimeMillis(),
                    Severity.CRITICAL, "hot"));
            service.flush(WAIT);

            long deadline = System.nanoTime() + WAIT.toNanos();
            List<DeliveryRow> rows = List.of();
            while (System.nanoTime() < deadline) {
                rows = repo.deliveries(flaky.id());
                if (!rows.isEmpty() && rows.getFirst().state() == DeliveryState.DELIVERED
                        && repo.deliveries(gone.id()).getFirst().state() == DeliveryState.FAILED) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(r.attempts()).isEqualTo(3);
                assertThat(r.eventType()).isEqualTo("alert.opened");
            });
            assertThat(repo.deliveries(gone.id())).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.FAILED);
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.lastError()).isEqualTo("HTTP 410");
            });
            assertThat(got).hasSize(3);
            for (Received r : got) {
                assertThat(r.event()).isEqualTo("alert.opened");
                assertThat(r.delivery()).isEqualTo(rows.getFirst().id().toString());
                String expected = "sha256=" + hmacHex("0123456789abcdef-secret", r.timestamp() + "." + r.body());
                assertThat(r.signature()).isEqualTo(expected);
                assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
            }
            JsonObject payload = new JsonObject(got.getFirst().body());
            assertThat(payload.getString("type")).isEqualTo("alert.opened");
            assertThat(payload.getJsonObject("alert").getString("twin")).isEqualTo(twin);
            assertThat(payload.getJsonObject("alert").getString("state")).isEqualTo("open");
            assertThat(payload.getJsonObject("event").getString("to")).isEqualTo("open");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void queuedDeliveriesSurviveARestart() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            ex.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            service.close();
            // no deliverer: the delivery stays in the outbox
            AlertService offline = new AlertService(repo, Clock.systemUTC(), null);
            Webhook w = offline.createWebhook(admin, "http://127.0.0.1:" + server.getAddress().getPort() + "/ok", null);
            String twin = twin();
            Rule rule = offline.createRule(operator, threshold(twin, "temp", ">", 80)).rule();
            offline.apply(new AlertSignal.Raised(rule.id(), twin, "temp", 90, System.currentTimeMillis(),
                    Severity.WARNING, "hot"));
            offline.flush(WAIT);
            offline.close();
            assertThat(repo.deliveries(w.id())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(DeliveryState.PENDING));

            service = new AlertService(repo, Clock.systemUTC(), fastDeliverer());
            service.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (calls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            while (repo.deliveries(w.id()).getFirst().state() != DeliveryState.DELIVERED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(repo.deliveries(w.id()).getFirst().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(calls.get()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        WebhookDeliverer.Policy p = WebhookDeliverer.Policy.DEFAULT;
        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt < p.maxAttempts(); attempt++) {
            waits.add(p.delayAfter(attempt).toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L);
        assertThat(p.delayAfter(12)).isEqualTo(Duration.ofMinutes(5));
    }

    private static String hmacHex(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
