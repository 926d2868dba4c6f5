package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x84: an entity came into view and now has the id {@code entity} for this client, until the matching
 * {@link Exit}. {@code userId} is the account behind an avatar and empty for objects (and for agents
 * without one). {@code state} carries every field ({@code mask = ALL}) for the same entity id; on the wire
 * it follows the strings as a mask byte (which must be 0x0F) and the fields, without repeating the id.
 */
public record Enter(int entity, EntityKind kind, String name, String userId, EntityUpdate state)
        implements ServerMessage {
    public static final int TYPE = 0x84;
    /** Longest name in UTF-8 bytes: a display name of 64 code points, or an object's label. */
    public static final int NAME_MAX_BYTES = 256;

    public Enter {
        Check.entity(entity, "entity");
        Objects.requireNonNull(kind, "kind");
        Check.text(name, NAME_MAX_BYTES, "name");
        Check.text(userId, PresenceEntry.USER_ID_MAX_BYTES, "userId");
        Objects.requireNonNull(state, "state");
        if (state.entity() != entity || state.mask() != EntityUpdate.ALL) {
            throw new IllegalArgumentException("state must be entity " + entity + " with mask ALL, got entity "
                    + state.entity() + " mask " + state.mask());
        }
    }

    public static final Codec<Enter> CODEC = Codec.of(
            (w, m) -> {
                w.varInt(m.entity).u8(m.kind.wire()).string(m.name).string(m.userId);
                m.state.writeBody(w);
            },
            r -> {
                int entity = r.varInt(1, Integer.MAX_VALUE, "Enter.entity");
                EntityKind kind = EntityKind.byWire(r.enumU8(EntityKind.count(), "Enter.kind"));
                String name = r.string(NAME_MAX_BYTES, "Enter.name");
                String userId = r.string(PresenceEntry.USER_ID_MAX_BYTES, "Enter.userId");
                EntityUpdate state = r.ok() ? EntityUpdate.readBody(r, entity) : null;
                if (r.ok() && state.mask() != EntityUpdate.ALL) {
                    r.fail("Enter.state: mask must be " + EntityUpdate.ALL + ", got " + state.mask());
                }
                return r.ok() ? new Enter(entity, kind, name, userId, state) : null;
            });
}
