package org.pujiang.server.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AlertRepository;
import org.pujiang.server.storage.AlertRepository.AlertEvent;
import org.pujiang.server.storage.AlertRepository.AlertQuery;
import org.pujiang.server.storage.AlertRepository.AlertState;
import org.pujiang.server.storage.AlertRepository.StoredAlert;
import org.pujiang.server.storage.AlertRepository.StoredRule;
import org.pujiang.server.storage.AlertRepository.Transition;
import org.pujiang.server.storage.AlertRepository.Webhook;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.twin.rules.AlertSignal;
import org.pujiang.twin.rules.Condition;
import org.pujiang.twin.rules.Rule;
import org.pujiang.twin.rules.RuleSet;
import org.pujiang.twin.rules.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules, alerts and webhooks.
 *
 * <p><b>Rules:</b> operators and admins create and delete them; anyone signed in reads them. {@link #current()} is
 * the rule set the twin partitions evaluate, swapped whole on each change (a volatile reference, loaded from
 * storage at construction); {@link #onRules} listeners hear of each new set, on the thread that changed it.
 *
 * <p><b>Alerts:</b> twin partitions hand {@link AlertSignal}s to {@link #apply}, which never blocks: signals go to
 * a bounded queue drained by one writer thread of this service ({@code pujiang-alerts}). The writer opens an
 * alert for a Raised (unless one is already open for that rule and twin), resolves the open one for a Cleared,
 * records each transition in alert_events with its webhook deliveries in the same transaction, then tells the
 * {@link #onChange} listeners (on the writer thread: they must not block) and wakes the webhook deliverer.
 * Users acknowledge and resolve alerts on their own (worker) thread; the database serialises them against the
 * writer, and their changes reach the listeners through the writer too.
 *
 * <p><b>Visibility:</b> {@link #visibleTwins} decides which twins' alerts a user may read (default: all, for
 * anyone signed in). Thread-safe; storage calls block, so call the user methods from worker threads.
 */
public final class AlertService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    /** Column widths (V6). */
    static final int ID_MAX = 256;
    static final int MESSAGE_MAX = 1024;
    static final int NOTE_MAX = 1024;
    static final int URL_MAX = 2048;
    static final int SECRET_MIN = 16;
    static final int SECRET_MAX = 256;
    /** Signals waiting for the writer; more are dropped and counted. */
    public static final int QUEUE_CAPACITY = 65_536;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlertRepository repo;
    private final Clock clock;
    private final WebhookDeliverer deliverer;
    private final ThreadPoolExecutor writer;
    private final List<Consumer<AlertChange>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RuleSet>> ruleListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Object rulesLock = new Object();
    private volatile RuleSet rules;
    private volatile BiPredicate<User, String> visible = (user, twin) -> true;

    /**
     * Loads the rules; the writer thread starts now, the webhook deliverer on {@link #start()}.
     *
     * @param deliverer the webhook outbox's deliverer, or null for none (deliveries stay queued)
     */
    public AlertService(AlertRepository repo, Clock clock, WebhookDeliverer deliverer) {
        this.repo = repo;
        this.clock = clock;
        this.deliverer = deliverer;
        this.rules = RuleSet.of(repo.allRules().stream().map(StoredRule::rule).toList());
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> {
                    Thread t = new Thread(r, "pujiang-alerts");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The service with the default webhook policy, over the JDK's HTTP client. */
    public static AlertService create(AlertRepository repo, Clock clock) {
        return new AlertService(repo, clock, new WebhookDeliverer(repo, clock, WebhookDeliverer.Policy.DEFAULT));
    }

    /** Starts delivering webhooks. */
    public void start() {
        if (deliverer != null) {
            deliverer.start();
        }
    }

    // --- rules

    /** The rules now in force. Any thread, no lock. */
    public RuleSet current() {
        return rules;
    }

    /** Called with every new rule set after a change, on the changing thread; hand it to the partitions. */
    public void onRules(Consumer<RuleSet> listener) {
        ruleListeners.add(listener);
    }

    public StoredRule createRule(User actor, RuleSpec spec) {
        requireManager(actor, "create rules");
        Rule rule = validate(Ids.newId().toString(), spec);
        StoredRule stored = new StoredRule(rule, now(), actor.id());
        repo.insertRule(stored);
        publishRules(current -> current.with(rule));
        return stored;
    }

    public StoredRule getRule(User actor, String id) {
        return repo.findRule(id).orElseThrow(() -> ruleNotFound(id));
    }

    public Page<StoredRule> listRules(User actor, String twin, String model, int page, int size) {
        checkPage(page, size);
        return repo.listRules(blankToNull(twin), blankToNull(model), page, size);
    }

    /** Deletes the rule; its unresolved alerts are resolved by the rule with the note "rule deleted". */
    public void deleteRule(User actor, String id) {
        requireManager(actor, "delete rules");
        if (!repo.deleteRule(id)) {
            throw ruleNotFound(id);
        }
        publishRules(current -> current.without(id));
        String ruleId = id;
        submit(() -> {
            for (StoredAlert a : repo.unresolved()) {
                if (a.ruleId().equals(ruleId)) {
                    resolveByRule(a, now(), "rule deleted");
                }
            }
        });
    }

    private void publishRules(java.util.function.UnaryOperator<RuleSet> change) {
        RuleSet next;
        synchronized (rulesLock) {
            next = change.apply(rules);
            rules = next;
        }
        for (Consumer<RuleSet> l : ruleListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.error("rule listener failed", e);
            }
        }
    }

    /** The rule the spec describes, with {@code id}; 422 {@code rule:invalid} naming the field otherwise. */
    static Rule validate(String id, RuleSpec s) {
        String twin = blankToNull(s.twin());
        String model = blankToNull(s.model());
        if ((twin == null) == (model == null)) {
            throw invalid(twin == null ? "twin" : "model", "give exactly one of twin and model");
        }
        checkLength("twin", twin, ID_MAX);
        checkLength("model", model, ID_MAX);
        checkLength("property", s.property(), ID_MAX);
        checkLength("message", s.message(), MESSAGE_MAX);
        if (s.kind() == null) {
            throw invalid("kind", "kind is required: threshold, range, rate or silence");
        }
        String property = blankToNull(s.property());
        try {
            Condition c = switch (s.kind()) {
                case "threshold" -> {
                    if (s.op() == null) {
                        throw invalid("op", "op is required for threshold rules: >, >=, < or <=");
                    }
                    Condition.Op op = Condition.Op.fromSymbol(s.op()).orElseThrow(
                            () -> invalid("op", "op must be one of >, >=, <, <=, got '" + brief(s.op()) + "'"));
                    yield new Condition.Threshold(op, required("value", s.value()));
                }
                case "range" -> new Condition.Range(required("min", s.min()), required("max", s.max()));
                case "rate" -> new Condition.Rate(required("maxPerSecond", s.maxPerSecond()));
                case "silence" -> {
                    if (s.after() == null) {
                        throw invalid("after", "after is required for silence rules (seconds, or ISO-8601 like PT5M)");
                    }
                    yield new Condition.Silence(s.after());
                }
                default -> throw invalid("kind", "kind must be one of threshold, range, rate, silence, got '"
                        + brief(s.kind()) + "'");
            };
            if (property == null && !(c instanceof Condition.Silence)) {
                throw invalid("property", "property is required for " + c.kind() + " rules");
            }
            Severity severity = s.severity() == null ? Severity.WARNING : Severity.fromWire(s.severity()).orElseThrow(
                    () -> invalid("severity", "severity must be one of info, warning, critical, got '"
                            + brief(s.severity()) + "'"));
            return new Rule(id, twin != null ? new Rule.Scope.Twin(twin) : new Rule.Scope.Model(model), property, c,
                    severity, s.forDuration(), s.hysteresis() == null ? 0 : s.hysteresis(), blankToNull(s.message()));
        } catch (IllegalArgumentException e) {
            throw invalid(null, e.getMessage());
        }
    }

    // --- alerts from the partitions

    /**
     * Hands a signal from a twin partition to the writer. Never blocks.
     *
     * @return false when the queue is full and the signal was dropped (counted in {@link #droppedSignals()})
     */
    public boolean apply(AlertSignal signal) {
        return submit(() -> write(signal));
    }

    /** {@link #apply} for each. */
    public void applyAll(List<AlertSignal> signals) {
        for (AlertSignal s : signals) {
            apply(s);
        }
    }

    public long droppedSignals() {
        return dropped.get();
    }

    /** Listens to every alert transition, on the writer thread; must not block. */
    public void onChange(Consumer<AlertChange> listener) {
        changeListeners.add(listener);
    }

    /** Decides which twins' alerts a user may read; the default lets anyone signed in read all. */
    public void visibleTwins(BiPredicate<User, String> predicate) {
        this.visible = predicate;
    }

    /** The unresolved alerts, for {@code RuleEngine.markOpen} when partitions start. */
    public List<StoredAlert> unresolved() {
        return repo.unresolved();
    }

    private void write(AlertSignal signal) {
        try {
            switch (signal) {
                case AlertSignal.Raised r -> {
                    Rule rule = rules.find(r.ruleId()).orElse(null);
                    if (rule == null || repo.findUnresolved(r.ruleId(), r.twin()).isPresent()) {
                        return; // rule deleted since, or already open (e.g. raised again after a restart)
                    }
                    StoredAlert a = new StoredAlert(Ids.newId(), r.ruleId(), r.twin(), r.property(), AlertState.OPEN,
                            r.severity(), Instant.ofEpochMilli(r.tsMs()), null, null, null, null,
                            Double.isFinite(r.value()) ? r.value() : null, clip(r.message(), MESSAGE_MAX));
                    AlertEvent e = repo.open(a, null, AlertChange.eventType(AlertState.OPEN), AlertJson::payload);
                    changed(new AlertChange(repo.findAlert(a.id()).orElse(a), e));
                }
                case AlertSignal.Cleared c -> repo.findUnresolved(c.ruleId(), c.twin()).ifPresent(a -> resolveByRule(a,
                        Instant.ofEpochMilli(c.tsMs()), c.cause() == AlertSignal.Cause.CONDITION
                                ? "condition cleared" : "rule removed"));
            }
        } catch (RuntimeException e) {
            log.error("cannot record alert signal {}", signal, e);
        }
    }

    private void resolveByRule(StoredAlert a, Instant at, String note) {
        repo.transition(a.id(), List.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), AlertState.RESOLVED, at, null,
                note, AlertChange.eventType(AlertState.RESOLVED), AlertJson::payload).ifPresent(this::changed);
    }

    private void changed(Transition t) {
        changed(new AlertChange(t.alert(), t.event()));
    }

    /** On the writer thread. */
    private void changed(AlertChange change) {
        if (deliverer != null) {
            deliverer.wake();
        }
        for (Consumer<AlertChange> l : changeListeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.error("alert listener failed", e);
            }
        }
    }

    private boolean submit(Runnable task) {
        try {
            writer.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            return false;
        }
    }

    // --- alerts for users

    public Page<StoredAlert> listAlerts(User actor, String twin, String state, int page, int size) {
        checkPage(page, size);
        AlertState s = null;
        if (state != null && !state.isEmpty()) {
            s = AlertState.fromWire(state).orElseThrow(() -> new ApiException(ErrorCode.QUERY_INVALID,
                    "state must be one of open, acknowledged, resolved, got '" + brief(state) + "'"));
        }
        Page<StoredAlert> p = repo.listAlerts(new AlertQuery(blankToNull(twin), s, page, size));
        BiPredicate<User, String> v = visible;
        List<StoredAlert> items = p.items().stream().filter(a -> v.test(actor, a.twin())).toList();
        return items.size() == p.items().size() ? p : new Page<>(items, p.total(), p.page(), p.size());
    }

    /** The alert with its history, oldest first. */
    public record AlertWithEvents(StoredAlert alert, List<AlertEvent> events) {}

    public AlertWithEvents getAlert(User actor, String id) {
        StoredAlert a = visibleAlert(actor, id);
        return new AlertWithEvents(a, repo.events(a.id()));
    }

    /** open → acknowledged; 409 {@code alert:state-conflict} from any other state. */
    public StoredAlert acknowledge(User actor, String id, String note) {
        return userTransition(actor, id, List.of(AlertState.OPEN), AlertState.ACKNOWLEDGED, note);
    }

    /** open or acknowledged → resolved; 409 {@code alert:state-conflict} when already resolved. */
    public StoredAlert resolve(User actor, String id, String note) {
        return userTransition(actor, id, List.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), AlertState.RESOLVED, note);
    }

    private StoredAlert userTransition(User actor, String id, List<AlertState> from, AlertState to, String note) {
        if (actor.isGuest()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "guests may not " + (to == AlertState.RESOLVED
                    ? "resolve" : "acknowledge") + " alerts");
        }
        checkLength("note", note, NOTE_MAX);
        StoredAlert a = visibleAlert(actor, id);
        Optional<Transition> t = repo.transition(a.id(), from, to, now(), actor.id(), blankToNull(note),
                AlertChange.eventType(to), AlertJson::payload);
        if (t.isEmpty()) {
            AlertState now = repo.findAlert(a.id()).map(StoredAlert::state).orElse(a.state());
            throw new ApiException(ErrorCode.ALERT_STATE, "the alert is " + now.wireName() + "; only "
                    + String.join(" or ", from.stream().map(AlertState::wireName).toList()) + " alerts can be "
                    + (to == AlertState.RESOLVED ? "resolved" : "acknowledged"));
        }
        if (!submit(() -> changed(t.get()))) {
            changed(t.get());
        }
        return t.get().alert();
    }

    private StoredAlert visibleAlert(User actor, String id) {
        UUID uuid = uuidOrNull(id);
        Optional<StoredAlert> a = uuid == null ? Optional.empty() : repo.findAlert(uuid);
        if (a.isEmpty() || !visible.test(actor, a.get().twin())) {
            throw new ApiException(ErrorCode.ALERT_NOT_FOUND, "no alert " + brief(id));
        }
        return a.get();
    }

    // --- webhooks

    /** A new active webhook; with a generated secret when {@code secret} is null. The secret is shown only now. */
    public Webhook createWebhook(User actor, String url, String secret) {
        requireManager(actor, "manage webhooks");
        if (url == null || url.isBlank()) {
            throw new ApiException(ErrorCode.FIELD_MISSING, "url is required", "url", null);
        }
        checkUrl(url);
        if (secret == null) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            secret = HexFormat.of().formatHex(b);
        } else if (secret.length() < SECRET_MIN || secret.length() > SECRET_MAX) {
            throw new ApiException(ErrorCode.WEBHOOK_INVALID, "secret must be " + SECRET_MIN + " to " + SECRET_MAX
                    + " characters, got " + secret.length() + "; leave it out to have one made", "secret", null);
        }
        Webhook w = new Webhook(Ids.newId(), url, secret, actor.id(), now(), true);
        repo.insertWebhook(w);
        return w;
    }

    public List<Webhook> listWebhooks(User actor) {
        requireManager(actor, "list webhooks");
        return repo.webhooks();
    }

    public void deleteWebhook(User actor, String id) {
        requireManager(actor, "manage webhooks");
        UUID uuid = uuidOrNull(id);
        if (uuid == null || !repo.deleteWebhook(uuid)) {
            throw new ApiException(ErrorCode.WEBHOOK_NOT_FOUND, "no webhook " + brief(id));
        }
    }

    private static void checkUrl(String url) {
        if (url.length() > URL_MAX) {
            throw new ApiException(ErrorCode.WEBHOOK_INVALID, "url must be at most " + URL_MAX + " characters", "url",
                    null);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ApiException(ErrorCode.WEBHOOK_INVALID, "url is not a valid URL: " + e.getReason(), "url", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ApiException(ErrorCode.WEBHOOK_INVALID, "url must be an absolute http or https URL with a host",
                    "url", null);
        }
    }

    @Override
    public void close() {
        if (deliverer != null) {
            deliverer.close();
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("alert writer did not finish its queue in 5 s; {} signal(s) left", writer.getQueue().size());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }

    /** Waits until every signal handed over so far is written; for tests and orderly shutdown. */
    public void flush(Duration timeout) {
        var done = new java.util.concurrent.CountDownLatch(1);
        if (!submit(done::countDown)) {
            return;
        }
        try {
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- helpers

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireManager(User actor, String what) {
        if (!actor.role().managesAllSpaces()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only operators and admins may " + what);
        }
    }

    private static void checkPage(int page, int size) {
        SpaceService.checkPage(page, size);
    }

    private static double required(String field, Double v) {
        if (v == null) {
            throw invalid(field, field + " is required");
        }
        return v;
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw invalid(field, field + " must be at most " + max + " characters, got "
                    + value.codePointCount(0, value.length()));
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.RULE_INVALID, message, field, null);
    }

    private static ApiException ruleNotFound(String id) {
        return new ApiException(ErrorCode.RULE_NOT_FOUND, "no rule " + brief(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static UUID uuidOrNull(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String brief(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
