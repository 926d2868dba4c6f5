package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/** 0x8A: someone joined ({@code joined} true) or left the space; the bool is a u8, 0 or 1. */
public record PresenceChange(boolean joined, PresenceEntry entry) implements ServerMessage {
    public static final int TYPE = 0x8A;

    public PresenceChange {
        Objects.requireNonNull(entry, "entry");
    }

    public static final Codec<PresenceChange> CODEC = Codec.of(
            (w, m) -> {
                w.bool(m.joined);
                PresenceEntry.CODEC.write(w, m.entry);
            },
            r -> {
                boolean joined = r.bool("PresenceChange.joined");
                PresenceEntry entry = r.ok() ? PresenceEntry.CODEC.read(r) : null;
                return r.ok() ? new PresenceChange(joined, entry) : null;
            });
}
