package org.pujiang.server.auth;

import java.time.Instant;
import java.util.UUID;

/** A signed-in session: what a bearer token stands for. Revoked by logout or a password reset. */
public record Session(UUID id, User user, Instant createdAt, Instant expiresAt, Instant revokedAt) {}
