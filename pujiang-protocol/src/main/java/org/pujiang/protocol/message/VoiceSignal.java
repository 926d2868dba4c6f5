package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x0B: a WebRTC signalling payload (SDP or an ICE candidate, opaque to the server) for another entity
 * in the same space; the server relays it as a {@link VoiceRelay}.
 */
public record VoiceSignal(int toEntity, VoiceKind kind, String payload) implements ClientMessage {
    public static final int TYPE = 0x0B;
    public static final int PAYLOAD_MAX_BYTES = 8192;

    public VoiceSignal {
        Check.entity(toEntity, "toEntity");
        Objects.requireNonNull(kind, "kind");
        Check.text(payload, PAYLOAD_MAX_BYTES, "payload");
    }

    public static final Codec<VoiceSignal> CODEC = Codec.of(
            (w, m) -> w.varInt(m.toEntity).u8(m.kind.wire()).string(m.payload),
            r -> {
                int to = r.varInt(1, Integer.MAX_VALUE, "VoiceSignal.toEntity");
                VoiceKind kind = VoiceKind.byWire(r.enumU8(VoiceKind.count(), "VoiceSignal.kind"));
                String payload = r.string(PAYLOAD_MAX_BYTES, "VoiceSignal.payload");
                return r.ok() ? new VoiceSignal(to, kind, payload) : null;
            });
}
