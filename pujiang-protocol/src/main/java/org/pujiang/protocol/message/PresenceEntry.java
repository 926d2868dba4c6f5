package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * One person in a space's presence list: user id (the canonical UUID text of the account), display name,
 * and role ({@code admin}, {@code operator}, {@code member} or {@code guest} today; clients show an
 * unknown role as it is). Presence lists people, not entities, so it carries no entity id.
 */
public record PresenceEntry(String userId, String displayName, String role) {
    /** Longest user id in UTF-8 bytes (a UUID's text is 36). */
    public static final int USER_ID_MAX_BYTES = 64;
    /** Longest display name in UTF-8 bytes: 64 code points of up to 4 bytes each. */
    public static final int DISPLAY_NAME_MAX_BYTES = 256;
    public static final int ROLE_MAX_BYTES = 32;
    /** The fewest bytes one entry takes: three empty strings. */
    static final int MIN_BYTES = 3;

    public PresenceEntry {
        Check.text(userId, USER_ID_MAX_BYTES, "userId");
        Check.text(displayName, DISPLAY_NAME_MAX_BYTES, "displayName");
        Check.text(role, ROLE_MAX_BYTES, "role");
    }

    public static final Codec<PresenceEntry> CODEC = Codec.of(
            (w, e) -> w.string(e.userId).string(e.displayName).string(e.role),
            r -> {
                String userId = r.string(USER_ID_MAX_BYTES, "PresenceEntry.userId");
                String name = r.string(DISPLAY_NAME_MAX_BYTES, "PresenceEntry.displayName");
                String role = r.string(ROLE_MAX_BYTES, "PresenceEntry.role");
                return r.ok() ? new PresenceEntry(userId, name, role) : null;
            });
}
