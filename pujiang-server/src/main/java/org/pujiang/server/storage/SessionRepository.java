package org.pujiang.server.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.server.auth.Session;
import org.pujiang.server.auth.UserId;

/** Sign-in sessions. Implementations are thread-safe. */
public interface SessionRepository {
    void insert(Session session, String remoteAddr, String userAgent);

    /** The session with its account, revoked or expired ones included. */
    Optional<Session> find(UUID id);

    /** @return false when it was already revoked or does not exist */
    boolean revoke(UUID id, Instant now);

    /** Revokes every live session of one account, e.g. after a password reset. @return how many */
    int revokeAll(UserId userId, Instant now);

    /** Deletes sessions that expired before {@code cutoff}. @return how many */
    int deleteExpired(Instant cutoff);
}
