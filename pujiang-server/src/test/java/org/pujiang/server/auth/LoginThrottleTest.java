package org.pujiang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void blocksAnAccountFromOneAddressAfterTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("alice", "10.0.0.1", t0)).isEmpty();
            throttle.recordFailure("alice", "10.0.0.1", t0.plusSeconds(i));
        }
        assertThat(throttle.blockedFor("alice", "10.0.0.1", t0.plusSeconds(60))).contains(Duration.ofMinutes(14));
        // The same account from elsewhere, and another account from here, are not locked out.
        assertThat(throttle.blockedFor("alice", "10.0.0.2", t0.plusSeconds(60))).isEmpty();
        assertThat(throttle.blockedFor("bob", "10.0.0.1", t0.plusSeconds(60))).isEmpty();
        assertThat(throttle.blockedFor("alice", "10.0.0.1", t0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void anAddressGuessingManyAccountsIsBlockedToo() {
        for (int i = 0; i < 60; i++) {
            throttle.recordFailure("user" + i, "10.0.0.9", t0);
        }
        assertThat(throttle.blockedFor("someone-new", "10.0.0.9", t0.plusSeconds(1))).isPresent();
        assertThat(throttle.blockedFor("someone-new", "10.0.0.8", t0.plusSeconds(1))).isEmpty();
    }

    @Test
    void successClearsTheAccountCountAndPruneForgetsOldWindows() {
        throttle.recordFailure("carol", "10.0.0.3", t0);
        throttle.recordFailure("carol", "10.0.0.3", t0);
        throttle.recordSuccess("carol", "10.0.0.3");
        throttle.recordFailure("carol", "10.0.0.3", t0);
        throttle.recordFailure("carol", "10.0.0.3", t0);
        assertThat(throttle.blockedFor("carol", "10.0.0.3", t0)).isEmpty();
        throttle.recordFailure("carol", "10.0.0.3", t0);
        assertThat(throttle.blockedFor("carol", "10.0.0.3", t0)).isPresent();
        throttle.prune(t0.plus(Duration.ofMinutes(16)));
        assertThat(throttle.blockedFor("carol", "10.0.0.3", t0)).isEmpty();
    }
}
