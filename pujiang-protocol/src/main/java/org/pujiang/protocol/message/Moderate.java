package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/** 0x0C: a moderator mutes, unmutes or kicks another participant, with a reason for the record. */
public record Moderate(ModerationAction action, int targetEntity, String reason) implements ClientMessage {
    public static final int TYPE = 0x0C;
    public static final int REASON_MAX_BYTES = 200;

    public Moderate {
        Objects.requireNonNull(action, "action");
        Check.entity(targetEntity, "targetEntity");
        Check.text(reason, REASON_MAX_BYTES, "reason");
    }

    public static final Codec<Moderate> CODEC = Codec.of(
            (w, m) -> w.u8(m.action.wire()).varInt(m.targetEntity).string(m.reason),
            r -> {
                ModerationAction action = ModerationAction.byWire(r.enumU8(ModerationAction.count(), "Moderate.action"));
                int target = r.varInt(1, Integer.MAX_VALUE, "Moderate.targetEntity");
                String reason = r.string(REASON_MAX_BYTES, "Moderate.reason");
                return r.ok() ? new Moderate(action, target, reason) : null;
            });
}
