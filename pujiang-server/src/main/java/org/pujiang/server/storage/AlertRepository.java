package org.pujiang.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.twin.rules.Rule;
import org.pujiang.twin.rules.Severity;

/**
 * Rules, alerts with their history, webhooks and the webhook outbox. Thread-safe; each call is one transaction.
 * Twins and models are referred to by id only: their deletion leaves rules and alerts as they are.
 */
public interface AlertRepository {
    /** Where an alert is in its life. */
    enum AlertState {
        OPEN, ACKNOWLEDGED, RESOLVED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<AlertState> fromWire(String s) {
            for (AlertState v : values()) {
                if (v.wireName().equals(s)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    enum DeliveryState {
        PENDING, DELIVERED, FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule as stored; {@code rule.id()} is the stored UUID as text. */
    record StoredRule(Rule rule, Instant createdAt, UserId createdBy) {}

    /**
     * One alert.
     *
     * @param value what broke the rule; null when there is none
     * @param acknowledgedBy null unless acknowledged
     * @param resolvedBy null when unresolved, or resolved by the rule
     */
    record StoredAlert(UUID id, String ruleId, String twin, String property, AlertState state, Severity severity,
                       Instant openedAt, Instant acknowledgedAt, UserId acknowledgedBy, Instant resolvedAt,
                       UserId resolvedBy, Double value, String message) {}

    /** One transition of an alert; {@code from} is null for the opening, {@code by} null when the rule did it. */
    record AlertEvent(long id, UUID alertId, Instant at, AlertState from, AlertState to, UserId by, String note) {}

    record Webhook(UUID id, String url, String secret, UserId createdBy, Instant createdAt, boolean active) {}

    /** A queued delivery, with its webhook's url and secret. */
    record Delivery(UUID id, UUID webhookId, String url, String secret, long eventId, String eventType, String payload,
                    int attempts, Instant nextAttemptAt) {}

    /** Filters for listing alerts; null means any. {@code page} is 1-based. */
    record AlertQuery(String twin, AlertState state, int page, int size) {}

    /** Builds a webhook payload for the event just recorded, in the same transaction. */
    @FunctionalInterface
    interface Payload extends BiFunction<StoredAlert, AlertEvent, String> {}

    // --- rules

    void insertRule(StoredRule rule);

    Optional<StoredRule> findRule(String id);

    /** Every rule, for the engines' rule set. */
    List<StoredRule> allRules();

    /** Newest first; {@code twin}, {@code model} null for any. */
    Page<StoredRule> listRules(String twin, String model, int page, int size);

    /** @return false when there was no such rule */
    boolean deleteRule(String id);

    // --- alerts

    Optional<StoredAlert> findAlert(UUID id);

    /** The open or acknowledged alert of the rule on the twin, if any. */
    Optional<StoredAlert> findUnresolved(String ruleId, String twin);

    /** Every open or acknowledged alert, oldest first. */
    List<StoredAlert> unresolved();

    /** Newest first. */
    Page<StoredAlert> listAlerts(AlertQuery query);

    /** The alert's history, oldest first. */
    List<AlertEvent> events(UUID alertId);

    /**
     * Stores a new alert in state {@code open}, records the opening and queues a delivery of
     * {@code payload} to every active webhook, as event type {@code eventType}.
     */
    AlertEvent open(StoredAlert alert, String note, String eventType, Payload payload);

    /**
     * Moves the alert to {@code to} when it is in one of {@code from}, records the transition and queues deliveries.
     *
     * @return the alert after the change and its event; empty, with nothing written, when it is gone or in
     *         another state
     */
    Optional<Transition> transition(UUID alertId, List<AlertState> from, AlertState to, Instant at, UserId by,
                                    String note, String eventType, Payload payload);

    record Transition(StoredAlert alert, AlertEvent event) {}

    // --- webhooks and their outbox

    void insertWebhook(Webhook webhook);

    List<Webhook> webhooks();

    Optional<Webhook> findWebhook(UUID id);

    /** Deletes the webhook and its queued deliveries. @return false when there was none */
    boolean deleteWebhook(UUID id);

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now}: each claimed one's next attempt moves to
     * {@code leaseUntil}, so that another node (or a crash) does not send it twice at once; a claim that is
     * never settled is retried after the lease.
     */
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit);

    /** The earliest next attempt of any pending delivery. */
    Optional<Instant> nextDue();

    void delivered(UUID deliveryId, int attempts, Instant at);

    /** Another attempt at {@code next}, or, with {@code next} null, gives up (state failed). */
    void attemptFailed(UUID deliveryId, int attempts, Instant next, String error);

    /** The deliveries of one webhook, newest first, for tests and operators. */
    List<DeliveryRow> deliveries(UUID webhookId);

    record DeliveryRow(UUID id, long eventId, String eventType, int attempts, DeliveryState state, String lastError,
                       Instant deliveredAt) {}
}
