package org.pujiang.space;

import org.pujiang.space.interest.InterestView;
import org.pujiang.space.limit.ErrorWindow;
import org.pujiang.space.limit.TokenBucket;

/** One connected client (or agent): its sink, its avatar, its view and its limits. Tick thread only. */
final class ClientSession {
    final long clientId;
    final ClientSink sink;
    final Avatar avatar;
    final InterestView view;
    final TokenBucket moves;
    final TokenBucket chats;
    final TokenBucket emotes;
    final TokenBucket voice;
    final TokenBucket objectMoves;
    final ErrorWindow errors;
    /** An agent's behaviour, called once per tick; null for a person's client. */
    final AgentActor actor;
    int selfLocal;
    int index = -1;
    long lastRateLimitNotice = Long.MIN_VALUE;
    long slowSince = -1;
    boolean selfEnterDue = true;
    /** Recompute the interest set on the next tick whatever the stagger says (joined, teleported). */
    boolean interestDue = true;
    /** Which tick of each interest interval recomputes this client's set. */
    int interestPhase;
    boolean presencePending = true;
    boolean gone;

    ClientSession(long clientId, ClientSink sink, Avatar avatar, InterestView view, SpaceConfig config,
            AgentActor actor) {
        this.clientId = clientId;
        this.sink = sink;
        this.avatar = avatar;
        this.view = view;
        this.actor = actor;
        SpaceConfig.RateLimits r = config.rateLimits();
        this.moves = new TokenBucket(r.move().perSecond(), r.move().burst());
        this.chats = new TokenBucket(r.chat().perSecond(), r.chat().burst());
        this.emotes = new TokenBucket(r.emote().perSecond(), r.emote().burst());
        this.voice = new TokenBucket(r.voice().perSecond(), r.voice().burst());
        this.objectMoves = new TokenBucket(r.objectMove().perSecond(), r.objectMove().burst());
        this.errors = new ErrorWindow(r.abuseErrors(), r.abuseWindow().toNanos());
    }
}
