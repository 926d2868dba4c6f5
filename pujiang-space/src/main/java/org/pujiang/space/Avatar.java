package org.pujiang.space;

/**
 * Engine-side facts about one avatar beyond its entity columns: who it belongs to, its moderation
 * state, its resume key, what it holds and its movement allowance. Tick thread only.
 */
final class Avatar {
    final int slot;
    final int entityId;
    final String userId;
    final String displayName;
    final PresenceEntry presence;
    boolean host;
    /** A digital human (never resumable, never moderated, not counted against the capacity). */
    final boolean agent;
    boolean muted;
    long resumeKey;
    /** The connected client, or null while the avatar waits for a resume. */
    ClientSession client;
    long resumableUntil;
    SharedObject holding;
    /** Metres the avatar may still move without being clamped; refilled at maxSpeed × tolerance. */
    double credit;
    long creditNanos;
    int lastSeq = -1;
    /** Fields the engine corrected that the client must be told about (its own entity, in its numbering). */
    int corrected;
    int presenceIndex = -1;

    Avatar(int slot, int entityId, String userId, String displayName, boolean host, boolean agent) {
        this.slot = slot;
        this.entityId = entityId;
        this.userId = userId;
        this.displayName = displayName;
        this.host = host;
        this.agent = agent;
        this.presence = new PresenceEntry(entityId, userId, displayName, host);
    }
}
