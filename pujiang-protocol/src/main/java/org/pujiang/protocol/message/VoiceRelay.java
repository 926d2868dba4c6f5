package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/** 0x8D: a {@link VoiceSignal} from another entity, whose id for this client is {@code fromEntity}. */
public record VoiceRelay(int fromEntity, VoiceKind kind, String payload) implements ServerMessage {
    public static final int TYPE = 0x8D;

    public VoiceRelay {
        Check.entity(fromEntity, "fromEntity");
        Objects.requireNonNull(kind, "kind");
        Check.text(payload, VoiceSignal.PAYLOAD_MAX_BYTES, "payload");
    }

    public static final Codec<VoiceRelay> CODEC = Codec.of(
            (w, m) -> w.varInt(m.fromEntity).u8(m.kind.wire()).string(m.payload),
            r -> {
                int from = r.varInt(1, Integer.MAX_VALUE, "VoiceRelay.fromEntity");
                VoiceKind kind = VoiceKind.byWire(r.enumU8(VoiceKind.count(), "VoiceRelay.kind"));
                String payload = r.string(VoiceSignal.PAYLOAD_MAX_BYTES, "VoiceRelay.payload");
                return r.ok() ? new VoiceRelay(from, kind, payload) : null;
            });
}
