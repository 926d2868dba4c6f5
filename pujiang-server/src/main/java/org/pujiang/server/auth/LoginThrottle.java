package org.pujiang.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. Failures are counted in fixed windows per (username, address) and
 * per address: after {@code maxFailures} for one account from one address, or twenty times that
 * from one address across accounts, further attempts are refused until the window ends. Counting
 * per address as well keeps an attacker from locking a victim out from everywhere.
 * Thread-safe; entries are dropped by {@link #prune(Instant)}.
 */
public final class LoginThrottle {
    private static final int ADDRESS_FACTOR = 20;

    private record Window(Instant start, int failures) {}

    private final int maxFailures;
    private final Duration window;
    private final ConcurrentHashMap<String, Window> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long the caller must wait before trying again, or empty when an attempt is allowed now. */
    public Optional<Duration> blockedFor(String usernameKey, String address, Instant now) {
        Optional<Duration> a = blocked(byAccount.get(usernameKey + "|" + address), maxFailures, now);
        Optional<Duration> b = blocked(byAddress.get(address), maxFailures * ADDRESS_FACTOR, now);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get()) >= 0 ? a : b;
        }
        return a.isPresent() ? a : b;
    }

    public void recordFailure(String usernameKey, String address, Instant now) {
        byAccount.compute(usernameKey + "|" + address, (k, w) -> bump(w, now));
        byAddress.compute(address, (k, w) -> bump(w, now));
    }

    /** A successful login clears the account's count from that address. */
    public void recordSuccess(String usernameKey, String address) {
        byAccount.remove(usernameKey + "|" + address);
    }

    /** Forgets windows that have ended. */
    public void prune(Instant now) {
        byAccount.values().removeIf(w -> ended(w, now));
        byAddress.values().removeIf(w -> ended(w, now));
    }

    private Window bump(Window w, Instant now) {
        return w == null || ended(w, now) ? new Window(now, 1) : new Window(w.start(), w.failures() + 1);
    }

    private boolean ended(Window w, Instant now) {
        return !now.isBefore(w.start().plus(window));
    }

    private Optional<Duration> blocked(Window w, int limit, Instant now) {
        if (w == null || ended(w, now) || w.failures() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(window)));
    }
}
