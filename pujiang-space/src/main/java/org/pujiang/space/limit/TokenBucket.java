package org.pujiang.space.limit;

/**
 * A token bucket on explicit time: {@code perSecond} tokens a second, at most {@code burst} saved,
 * full at the first call. Owned by one thread; no clock of its own.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;
    private boolean started;

    public TokenBucket(double perSecond, double burst) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("need perSecond > 0 and burst >= 1, got " + perSecond + ", " + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one token if there is one at {@code nowNanos}. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Tokens available at {@code nowNanos}. */
    public double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long now) {
        if (!started) {
            started = true;
            tokens = burst;
            lastNanos = now;
            return;
        }
        long dt = now - lastNanos;
        if (dt > 0) {
            tokens = Math.min(burst, tokens + dt * perNano);
            lastNanos = now;
        }
    }
}
