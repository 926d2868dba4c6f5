package org.pujiang.protocol.message;

import java.util.Objects;
import java.util.OptionalInt;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x86: a chat message delivered to this client. {@code fromEntity} is the sender's id for this client,
 * or 0 when the sender is not in view (then only {@code fromName} identifies them).
 */
public record ChatEvent(int fromEntity, String fromName, ChatScope scope, String text, long serverTimeMs)
        implements ServerMessage {
    public static final int TYPE = 0x86;

    public ChatEvent {
        Check.entityOrNone(fromEntity, "fromEntity");
        Check.text(fromName, PresenceEntry.DISPLAY_NAME_MAX_BYTES, "fromName");
        Objects.requireNonNull(scope, "scope");
        Check.text(text, Chat.TEXT_MAX_BYTES, "text");
        Check.time(serverTimeMs, "serverTimeMs");
    }

    /** The sender's entity id, or empty when the sender is not in view. */
    public OptionalInt sender() {
        return fromEntity == 0 ? OptionalInt.empty() : OptionalInt.of(fromEntity);
    }

    public static final Codec<ChatEvent> CODEC = Codec.of(
            (w, m) -> w.varInt(m.fromEntity).string(m.fromName).u8(m.scope.wire()).string(m.text)
                    .varLong(m.serverTimeMs),
            r -> {
                int from = r.varInt(0, Integer.MAX_VALUE, "ChatEvent.fromEntity");
                String name = r.string(PresenceEntry.DISPLAY_NAME_MAX_BYTES, "ChatEvent.fromName");
                ChatScope scope = ChatScope.byWire(r.enumU8(ChatScope.count(), "ChatEvent.scope"));
                String text = r.string(Chat.TEXT_MAX_BYTES, "ChatEvent.text");
                long time = r.varLong(0, Check.MAX_SAFE_INTEGER, "ChatEvent.serverTimeMs");
                return r.ok() ? new ChatEvent(from, name, scope, text, time) : null;
            });
}
