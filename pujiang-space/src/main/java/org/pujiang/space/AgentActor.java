package org.pujiang.space;

/**
 * The behaviour of a digital human added with {@link SpaceCommand.AddAgent}: the space calls it once per
 * tick so that it can decide what to do without a thread or a clock of its own.
 *
 * <p>Threading: called on the space's tick thread, once per tick for each agent, after the inbox is
 * drained and before clients are served, with the tick's time. It runs inside the tick budget, so it must
 * be cheap and must not block; it acts by offering commands (which apply on the next tick), never by
 * calling into the space. An exception it throws is counted ({@link SpaceMetrics#agentFailures}) and
 * the space goes on.
 */
@FunctionalInterface
public interface AgentActor {
    /** One step of the agent's behaviour at {@code nowNanos}, the tick's monotonic time. */
    void act(long nowNanos);
}
