package org.pujiang.server.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pujiang.server.storage.AlertRepository;
import org.pujiang.server.storage.AlertRepository.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox (webhook_deliveries): takes due pending deliveries, POSTs each payload with its
 * signature headers, and marks it delivered, schedules a retry with exponential backoff (network errors,
 * 5xx, 429), or gives up (other statuses, or {@link Policy#maxAttempts} reached).
 *
 * <p>Runs on one virtual thread of its own, each delivery on a virtual thread; {@link #wake()} may be called from
 * any thread when new deliveries are queued. Deliveries are claimed with a lease in the database, so several nodes
 * may run a deliverer over the same outbox, and a delivery claimed by a node that died is retried after the lease.
 */
public final class WebhookDeliverer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final int BATCH = 32;

    /**
     * @param firstDelay  the wait after the first failed attempt; doubles after each further failure
     * @param maxDelay    the longest wait between attempts
     * @param maxAttempts attempts before a delivery is marked failed
     * @param timeout     for one request, connection included
     * @param lease       how long a claimed delivery is held before another deliverer may take it
     * @param idlePoll    how often the outbox is looked at when nothing wakes the deliverer
     */
    public record Policy(Duration firstDelay, Duration maxDelay, int maxAttempts, Duration timeout, Duration lease,
                         Duration idlePoll) {
        public static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofMinutes(5), 10,
                Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(5));

        /** The wait after failed attempt number {@code attempt} (1-based). */
        public Duration delayAfter(int attempt) {
            long ms = firstDelay.toMillis();
            for (int i = 1; i < attempt && ms < maxDelay.toMillis(); i++) {
                ms *= 2;
            }
            return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
        }
    }

    private final AlertRepository repo;
    private final HttpClient http;
    private final Clock clock;
    private final Policy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private boolean wake;
    private volatile boolean running;
    private Thread loop;

    public WebhookDeliverer(AlertRepository repo, Clock clock, Policy policy) {
        this(repo, HttpClient.newBuilder().connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), clock, policy);
    }

    public WebhookDeliverer(AlertRepository repo, HttpClient http, Clock clock, Policy policy) {
        this.repo = repo;
        this.http = http;
        this.clock = clock;
        this.policy = policy;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("pujiang-webhooks").start(this::run);
    }

    /** New deliveries are queued: look at the outbox now. Any thread; never blocks for long. */
    public void wake() {
        lock.lock();
        try {
            wake = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
            loop = null;
        }
        if (t != null) {
            wake();
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                List<Delivery> due = repo.claimDue(now, now.plus(policy.lease()), BATCH);
                if (!due.isEmpty()) {
                    deliverAll(due);
                    continue;
                }
                Duration wait = policy.idlePoll();
                Optional<Instant> next = repo.nextDue();
                if (next.isPresent()) {
                    Duration untilNext = Duration.between(clock.instant(), next.get());
                    if (untilNext.compareTo(wait) < 0) {
                        wait = untilNext.isNegative() ? Duration.ZERO : untilNext;
                    }
                }
                await(wait);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("webhook outbox: {}", e.toString());
                await(Duration.ofSeconds(1));
            }
        }
    }

    private void await(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!wake && running && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wake = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void deliverAll(List<Delivery> due) {
        List<Thread> threads = new ArrayList<>(due.size());
        for (Delivery d : due) {
            threads.add(Thread.ofVirtual().name("pujiang-webhook-" + d.id()).start(() -> deliver(d)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            }
        }
    }

    /** One attempt at one delivery, its outcome written back. */
    void deliver(Delivery d) {
        int attempt = d.attempts() + 1;
        String error;
        Duration retryAfter = null;
        boolean retry;
        try {
            long ts = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(policy.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Pujiang-Webhook/1")
                    .header("X-Pujiang-Event", d.eventType())
                    .header("X-Pujiang-Delivery", d.id().toString())
                    .header("X-Pujiang-Timestamp", Long.toString(ts))
                    .header("X-Pujiang-Signature", "sha256=" + sign(d.secret(), ts, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                repo.delivered(d.id(), attempt, clock.instant());
                delivered.incrementAndGet();
                return;
            }
            error = "HTTP " + status;
            retry = status == 429 || status >= 500;
            retryAfter = response.headers().firstValue("Retry-After").flatMap(WebhookDeliverer::seconds).orElse(null);
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            retry = !(e instanceof IllegalArgumentException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the delivery is tried again
        }
        failedAttempts.incrementAndGet();
        if (!retry || attempt >= policy.maxAttempts()) {
            log.warn("webhook delivery {} to {} failed after {} attempt(s): {}", d.id(), d.url(), attempt, error);
            repo.attemptFailed(d.id(), attempt, null, error);
            return;
        }
        Duration delay = policy.delayAfter(attempt);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : retryAfter;
        }
        repo.attemptFailed(d.id(), attempt, clock.instant().plus(delay), error);
        wake(); // a short delay may be due before the idle poll
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret} (UTF-8). */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Optional<Duration> seconds(String s) {
        try {
            long n = Long.parseLong(s.trim());
            return n >= 0 ? Optional.of(Duration.ofSeconds(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
