package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x90: the one answer to a {@link TwinCommand}, with its {@code requestId}. When {@code ok}, {@code code}
 * is empty and {@code json} is the accepted desired value (DESIRED) or the device's answer (ACTION);
 * otherwise {@code code} is a namespaced error code such as {@code twin:forbidden} or {@code twin:timeout},
 * {@code message} says why for people, and {@code json} is {@code null} or details.
 */
public record TwinReply(int requestId, boolean ok, String code, String message, String json) implements ServerMessage {
    public static final int TYPE = 0x90;
    public static final int CODE_MAX_BYTES = 64;
    public static final int MESSAGE_MAX_BYTES = 500;
    public static final int JSON_MAX_BYTES = 16 * 1024;

    public TwinReply {
        Check.range(requestId, 0, Integer.MAX_VALUE, "requestId");
        Check.text(code, CODE_MAX_BYTES, "code");
        if (ok != code.isEmpty()) {
            throw new IllegalArgumentException(codeRule(ok));
        }
        Check.text(message, MESSAGE_MAX_BYTES, "message");
        Check.nonEmptyText(json, JSON_MAX_BYTES, "json");
    }

    public static TwinReply success(int requestId, String json) {
        return new TwinReply(requestId, true, "", "", json);
    }

    public static TwinReply failure(int requestId, String code, String message) {
        return new TwinReply(requestId, false, code, message, "null");
    }

    private static String codeRule(boolean ok) {
        return ok ? "code must be empty when ok" : "code must not be empty when not ok";
    }

    public static final Codec<TwinReply> CODEC = Codec.of(
            (w, m) -> w.varInt(m.requestId).bool(m.ok).string(m.code).string(m.message).string(m.json),
            r -> {
                int requestId = r.varInt(0, Integer.MAX_VALUE, "TwinReply.requestId");
                boolean ok = r.bool("TwinReply.ok");
                String code = r.string(CODE_MAX_BYTES, "TwinReply.code");
                String message = r.string(MESSAGE_MAX_BYTES, "TwinReply.message");
                String json = r.string(JSON_MAX_BYTES, "TwinReply.json");
                if (r.ok() && ok != code.isEmpty()) {
                    r.fail("TwinReply.code: " + codeRule(ok));
                }
                if (r.ok() && json.isEmpty()) {
                    r.fail("TwinReply.json: must not be empty");
                }
                return r.ok() ? new TwinReply(requestId, ok, code, message, json) : null;
            });
}
