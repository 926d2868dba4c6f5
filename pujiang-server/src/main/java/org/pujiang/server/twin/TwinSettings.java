package org.pujiang.server.twin;

import java.time.Duration;
import org.pujiang.twin.state.Ingestor;

/**
 * How the twin service runs.
 *
 * @param partitions threads that own twin state (a twin's values are handled in order by one of them)
 * @param deviceRate messages per second one twin may send, on any channel, sustained
 * @param deviceBurst messages one twin may send at once
 * @param clockPolicy how far device timestamps may stray from the server clock
 * @param commandTimeout how long a command waits for the device's answer
 */
public record TwinSettings(int partitions, double deviceRate, double deviceBurst, Ingestor.ClockPolicy clockPolicy,
        Duration commandTimeout) {
    public TwinSettings {
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("twin partitions must be 1..64, got " + partitions);
        }
        if (!(deviceRate > 0) || !(deviceBurst >= 1)) {
            throw new IllegalArgumentException("device rate must be > 0 and burst >= 1");
        }
    }

    public static TwinSettings defaults() {
        return new TwinSettings(Math.max(2, Runtime.getRuntime().availableProcessors()), 100, 200,
                Ingestor.ClockPolicy.defaults(), Duration.ofSeconds(10));
    }
}
