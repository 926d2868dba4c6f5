package org.pujiang.space;

import java.util.Map;
import java.util.Objects;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.tick.TickTimes;

/**
 * A consistent copy of one space's counters and gauges, published at the end of every tick; safe to
 * read from any thread. Counters count since the space was created.
 *
 * @param tick ticks run
 * @param clients connected clients (people; agents not counted)
 * @param avatars people's avatars, resumable ones included (agents not counted)
 * @param agents digital humans ({@link SpaceCommand.AddAgent})
 * @param resumable avatars whose connection dropped, waiting for a resume
 * @param objects shared objects
 * @param entities every entity
 * @param inboxWaiting commands offered and not yet drained, when this copy was made
 * @param commandsApplied commands drained and applied
 * @param commandsRefused commands refused by a full inbox
 * @param commandsIgnored commands for clients that are not (or no longer) joined
 * @param movesApplied moves applied
 * @param movesRateLimited moves dropped by the rate limit
 * @param movesClamped moves corrected for speed or bounds
 * @param movesStale moves dropped because their sequence number was not newer
 * @param updatesSent entity updates sent
 * @param updatesDeferred updates held back by a distance tier's lower rate (their masks accumulate)
 * @param updatesCoalesced updates held back because the client's transport was behind
 * @param enters enter events sent
 * @param exits exit events sent
 * @param chatsDelivered chat lines handed to sinks (host notices from agents included)
 * @param saysDelivered agents' lines handed to sinks
 * @param agentActNanos time spent in agents' {@link AgentActor#act} calls, by the metrics stopwatch
 * @param agentFailures {@link AgentActor#act} calls that threw
 * @param errors error events sent, by code
 * @param goodbyes goodbyes said, by code
 * @param tickTimes durations of recent ticks
 */
public record SpaceMetrics(long tick, int clients, int avatars, int agents, int resumable, int objects, int entities,
        int inboxWaiting, long commandsApplied, long commandsRefused, long commandsIgnored, long movesApplied,
        long movesRateLimited, long movesClamped, long movesStale, long updatesSent, long updatesDeferred,
        long updatesCoalesced, long enters, long exits, long chatsDelivered, long saysDelivered, long agentActNanos,
        long agentFailures, Map<ErrorCode, Long> errors, Map<ErrorCode, Long> goodbyes, TickTimes tickTimes) {
    public SpaceMetrics {
        errors = Map.copyOf(errors);
        goodbyes = Map.copyOf(goodbyes);
        Objects.requireNonNull(tickTimes, "tickTimes");
    }

    public long errors(ErrorCode code) {
        return errors.getOrDefault(code, 0L);
    }

    public long goodbyes(ErrorCode code) {
        return goodbyes.getOrDefault(code, 0L);
    }
}
