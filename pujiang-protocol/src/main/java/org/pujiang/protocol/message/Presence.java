package org.pujiang.protocol.message;

import java.util.List;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x89: everyone in the space, sent once after {@link Joined} (at most {@value #ENTRIES_MAX} entries);
 * {@link PresenceChange} keeps it current afterwards. It lists people in the whole space, in view or not.
 */
public record Presence(List<PresenceEntry> entries) implements ServerMessage {
    public static final int TYPE = 0x89;
    public static final int ENTRIES_MAX = 10_000;

    public Presence {
        entries = Check.list(entries, ENTRIES_MAX, "entries");
    }

    private static final Codec<List<PresenceEntry>> ENTRIES =
            Codec.list(PresenceEntry.CODEC, ENTRIES_MAX, PresenceEntry.MIN_BYTES, "Presence.entries");

    public static final Codec<Presence> CODEC = Codec.of(
            (w, m) -> ENTRIES.write(w, m.entries),
            r -> {
                List<PresenceEntry> entries = ENTRIES.read(r);
                return r.ok() ? new Presence(entries) : null;
            });
}
