package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x05: say something. {@code toEntity} names the receiver for {@link ChatScope#DIRECT} and is 0 for
 * the other scopes. The server answers with a {@link ChatEvent} to each receiver, the sender included.
 */
public record Chat(ChatScope scope, int toEntity, String text) implements ClientMessage {
    public static final int TYPE = 0x05;
    public static final int TEXT_MAX_BYTES = 1000;

    public Chat {
        Objects.requireNonNull(scope, "scope");
        checkTarget(scope, toEntity);
        Check.text(text, TEXT_MAX_BYTES, "text");
    }

    public static Chat toSpace(String text) {
        return new Chat(ChatScope.SPACE, 0, text);
    }

    public static Chat nearby(String text) {
        return new Chat(ChatScope.NEARBY, 0, text);
    }

    public static Chat direct(int toEntity, String text) {
        return new Chat(ChatScope.DIRECT, toEntity, text);
    }

    private static void checkTarget(ChatScope scope, int toEntity) {
        if (scope == ChatScope.DIRECT ? toEntity < 1 : toEntity != 0) {
            throw new IllegalArgumentException(targetRule(scope, toEntity));
        }
    }

    private static String targetRule(ChatScope scope, int toEntity) {
        return "toEntity must be " + (scope == ChatScope.DIRECT ? ">= 1" : "0") + " for scope " + scope + ", got "
                + Integer.toUnsignedString(toEntity);
    }

    public static final Codec<Chat> CODEC = Codec.of(
            (w, m) -> w.u8(m.scope.wire()).varInt(m.toEntity).string(m.text),
            r -> {
                ChatScope scope = ChatScope.byWire(r.enumU8(ChatScope.count(), "Chat.scope"));
                int to = r.varInt("Chat.toEntity");
                String text = r.string(TEXT_MAX_BYTES, "Chat.text");
                if (r.ok() && (scope == ChatScope.DIRECT ? to < 1 : to != 0)) {
                    r.fail("Chat.toEntity: " + targetRule(scope, to));
                }
                return r.ok() ? new Chat(scope, to, text) : null;
            });
}
