/**
 * Rules, alerts and webhooks on the server side (issue #5).
 *
 * <p>{@link org.pujiang.server.alert.AlertService} owns the rule set the twin partitions evaluate (with
 * {@link org.pujiang.twin.rules.RuleEngine}), turns their {@link org.pujiang.twin.rules.AlertSignal}s into stored
 * alerts on a writer thread of its own, and records every transition with its webhook deliveries in one
 * transaction. {@link org.pujiang.server.alert.WebhookDeliverer} sends the outbox, signed, with retries.
 * {@link org.pujiang.server.alert.AlertJson} is the JSON shape of all of it, for the REST API
 * ({@code http.AlertRoutes}) and webhook bodies alike. See docs/alerts.md.
 */
package org.pujiang.server.alert;
