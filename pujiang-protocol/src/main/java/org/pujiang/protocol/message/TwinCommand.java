package org.pujiang.protocol.message;

import java.util.Objects;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x0D: ask a twin bound in the joined space to change: set a desired property ({@link TwinCommandKind#DESIRED},
 * {@code name} is the property, {@code json} its new value) or invoke an action ({@link TwinCommandKind#ACTION},
 * {@code name} is the action, {@code json} its input or {@code null}). The server answers every TwinCommand
 * with exactly one {@link TwinReply} carrying the same {@code requestId}, which the client chooses.
 * {@code json} is JSON text; the protocol carries it unparsed and the server checks it against the model.
 */
public record TwinCommand(int requestId, String twin, TwinCommandKind kind, String name, String json)
        implements ClientMessage {
    public static final int TYPE = 0x0D;
    /** A twin id on the wire: TwinUpdate and TwinReply use the same limit. */
    public static final int TWIN_MAX_BYTES = 256;
    public static final int NAME_MAX_BYTES = 128;
    /** Leaves room for the other fields within the 16 KiB client frame. */
    public static final int JSON_MAX_BYTES = 8192;

    public TwinCommand {
        Check.range(requestId, 0, Integer.MAX_VALUE, "requestId");
        Check.nonEmptyText(twin, TWIN_MAX_BYTES, "twin");
        Objects.requireNonNull(kind, "kind");
        Check.nonEmptyText(name, NAME_MAX_BYTES, "name");
        Check.nonEmptyText(json, JSON_MAX_BYTES, "json");
    }

    public static TwinCommand desired(int requestId, String twin, String property, String jsonValue) {
        return new TwinCommand(requestId, twin, TwinCommandKind.DESIRED, property, jsonValue);
    }

    public static TwinCommand action(int requestId, String twin, String action, String jsonInput) {
        return new TwinCommand(requestId, twin, TwinCommandKind.ACTION, action, jsonInput);
    }

    public static final Codec<TwinCommand> CODEC = Codec.of(
            (w, m) -> w.varInt(m.requestId).string(m.twin).u8(m.kind.wire()).string(m.name).string(m.json),
            r -> {
                int requestId = r.varInt(0, Integer.MAX_VALUE, "TwinCommand.requestId");
                String twin = Check.nonEmptyString(r, TWIN_MAX_BYTES, "TwinCommand.twin");
                TwinCommandKind kind = TwinCommandKind.byWire(r.enumU8(TwinCommandKind.count(), "TwinCommand.kind"));
                String name = Check.nonEmptyString(r, NAME_MAX_BYTES, "TwinCommand.name");
                String json = Check.nonEmptyString(r, JSON_MAX_BYTES, "TwinCommand.json");
                return r.ok() ? new TwinCommand(requestId, twin, kind, name, json) : null;
            });
}
