package org.pujiang.server.auth;

import java.time.Instant;

/** An account as the rest of the server sees it; the password hash never leaves storage and auth. */
public record User(UserId id, String username, String displayName, Role role, boolean disabled, Instant createdAt,
        Instant updatedAt) {

    public boolean isGuest() {
        return role == Role.GUEST;
    }
}
