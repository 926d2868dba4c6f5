package org.pujiang.protocol;

import org.pujiang.protocol.codec.Codec;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.Chat;
import org.pujiang.protocol.message.ChatEvent;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.Emote;
import org.pujiang.protocol.message.EmoteEvent;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Exit;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Grab;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Holder;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Leave;
import org.pujiang.protocol.message.Moderate;
import org.pujiang.protocol.message.MoveObject;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Pong;
import org.pujiang.protocol.message.Presence;
import org.pujiang.protocol.message.PresenceChange;
import org.pujiang.protocol.message.Release;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.VoiceRelay;
import org.pujiang.protocol.message.VoiceSignal;
import org.pujiang.protocol.message.Welcome;

/**
 * Frames: one binary WebSocket message is one frame, {@code u8 version, u8 type, payload}. This class
 * encodes messages into frames and decodes frames into {@link DecodeResult}s. Decoding never throws, on
 * any input, and allocates nothing in proportion to a length it has not checked.
 *
 * <p>Stateless and thread-safe. The {@link FrameWriter} and {@link FrameReader} arguments of the reuse
 * variants belong to the calling thread.
 */
public final class Frames {
    /** Largest frame a client may send; the server refuses larger ones with TOO_LARGE. */
    public static final int MAX_CLIENT_FRAME_BYTES = 16 * 1024;
    /**
     * Largest frame a server sends (a full Presence of 10 000 people fits); clients should accept
     * WebSocket messages of this size.
     */
    public static final int MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024;
    /** Version byte and type byte. */
    public static final int HEADER_BYTES = 2;

    private static final Codec<?>[] CLIENT = new Codec<?>[256];
    private static final Codec<?>[] SERVER = new Codec<?>[256];
    private static final String[] NAMES = new String[256];

    static {
        client(Hello.TYPE, Hello.CODEC, "Hello");
        client(Join.TYPE, Join.CODEC, "Join");
        client(Leave.TYPE, Leave.CODEC, "Leave");
        client(Input.TYPE, Input.CODEC, "Input");
        client(Chat.TYPE, Chat.CODEC, "Chat");
        client(Emote.TYPE, Emote.CODEC, "Emote");
        client(Grab.TYPE, Grab.CODEC, "Grab");
        client(MoveObject.TYPE, MoveObject.CODEC, "MoveObject");
        client(Release.TYPE, Release.CODEC, "Release");
        client(Ping.TYPE, Ping.CODEC, "Ping");
        client(VoiceSignal.TYPE, VoiceSignal.CODEC, "VoiceSignal");
        client(Moderate.TYPE, Moderate.CODEC, "Moderate");
        client(TwinCommand.TYPE, TwinCommand.CODEC, "TwinCommand");

        server(Welcome.TYPE, Welcome.CODEC, "Welcome");
        server(Joined.TYPE, Joined.CODEC, "Joined");
        server(State.TYPE, State.CODEC, "State");
        server(Enter.TYPE, Enter.CODEC, "Enter");
        server(Exit.TYPE, Exit.CODEC, "Exit");
        server(ChatEvent.TYPE, ChatEvent.CODEC, "ChatEvent");
        server(EmoteEvent.TYPE, EmoteEvent.CODEC, "EmoteEvent");
        server(Holder.TYPE, Holder.CODEC, "Holder");
        server(Presence.TYPE, Presence.CODEC, "Presence");
        server(PresenceChange.TYPE, PresenceChange.CODEC, "PresenceChange");
        server(Pong.TYPE, Pong.CODEC, "Pong");
        server(ErrorMessage.TYPE, ErrorMessage.CODEC, "Error");
        server(VoiceRelay.TYPE, VoiceRelay.CODEC, "VoiceRelay");
        server(Goodbye.TYPE, Goodbye.CODEC, "Goodbye");
        server(TwinUpdate.TYPE, TwinUpdate.CODEC, "TwinUpdate");
        server(TwinReply.TYPE, TwinReply.CODEC, "TwinReply");
        server(Say.TYPE, Say.CODEC, "Say");
    }

    private static void client(int type, Codec<? extends ClientMessage> codec, String name) {
        if (type < 0x01 || type > 0x7F || CLIENT[type] != null) {
            throw new IllegalStateException("bad or duplicate client type 0x" + Integer.toHexString(type));
        }
        CLIENT[type] = codec;
        NAMES[type] = name;
    }

    private static void server(int type, Codec<? extends ServerMessage> codec, String name) {
        if (type < 0x80 || type > 0xFF || SERVER[type] != null) {
            throw new IllegalStateException("bad or duplicate server type 0x" + Integer.toHexString(type));
        }
        SERVER[type] = codec;
        NAMES[type] = name;
    }

    private Frames() {}

    /** The message name for a type byte (as in docs/protocol.md), or {@code "0x.."} when v1 has none. */
    public static String typeName(int type) {
        String name = type >= 0 && type < 256 ? NAMES[type] : null;
        return name != null ? name : String.format("0x%02X", type);
    }

    // ---- encoding ----

    /** A new array holding the frame of {@code message}. */
    public static byte[] encode(ClientMessage message) {
        return encode(message, new FrameWriter(64)).toByteArray();
    }

    /** A new array holding the frame of {@code message}. */
    public static byte[] encode(ServerMessage message) {
        return encode(message, new FrameWriter(64)).toByteArray();
    }

    /**
     * Appends the frame of {@code message} to {@code w} (call {@link FrameWriter#reset()} first to
     * start a new frame) and returns {@code w}.
     */
    public static FrameWriter encode(ClientMessage message, FrameWriter w) {
        switch (message) {
            case Hello m -> Hello.CODEC.write(w.u8(Hello.FRAME_VERSION).u8(Hello.TYPE), m); // frozen in every version
            case Join m -> Join.CODEC.write(header(w, Join.TYPE), m);
            case Leave m -> Leave.CODEC.write(header(w, Leave.TYPE), m);
            case Input m -> Input.CODEC.write(header(w, Input.TYPE), m);
            case Chat m -> Chat.CODEC.write(header(w, Chat.TYPE), m);
            case Emote m -> Emote.CODEC.write(header(w, Emote.TYPE), m);
            case Grab m -> Grab.CODEC.write(header(w, Grab.TYPE), m);
            case MoveObject m -> MoveObject.CODEC.write(header(w, MoveObject.TYPE), m);
            case Release m -> Release.CODEC.write(header(w, Release.TYPE), m);
            case Ping m -> Ping.CODEC.write(header(w, Ping.TYPE), m);
            case VoiceSignal m -> VoiceSignal.CODEC.write(header(w, VoiceSignal.TYPE), m);
            case Moderate m -> Moderate.CODEC.write(header(w, Moderate.TYPE), m);
            case TwinCommand m -> TwinCommand.CODEC.write(header(w, TwinCommand.TYPE), m);
        }
        return w;
    }

    /** Appends the frame of {@code message} to {@code w} and returns {@code w}. */
    public static FrameWriter encode(ServerMessage message, FrameWriter w) {
        switch (message) {
            case Welcome m -> Welcome.CODEC.write(header(w, Welcome.TYPE), m);
            case Joined m -> Joined.CODEC.write(header(w, Joined.TYPE), m);
            case State m -> State.CODEC.write(header(w, State.TYPE), m);
            case Enter m -> Enter.CODEC.write(header(w, Enter.TYPE), m);
            case Exit m -> Exit.CODEC.write(header(w, Exit.TYPE), m);
            case ChatEvent m -> ChatEvent.CODEC.write(header(w, ChatEvent.TYPE), m);
            case EmoteEvent m -> EmoteEvent.CODEC.write(header(w, EmoteEvent.TYPE), m);
            case Holder m -> Holder.CODEC.write(header(w, Holder.TYPE), m);
            case Presence m -> Presence.CODEC.write(header(w, Presence.TYPE), m);
            case PresenceChange m -> PresenceChange.CODEC.write(header(w, PresenceChange.TYPE), m);
            case Pong m -> Pong.CODEC.write(header(w, Pong.TYPE), m);
            case ErrorMessage m -> ErrorMessage.CODEC.write(header(w, ErrorMessage.TYPE), m);
            case VoiceRelay m -> VoiceRelay.CODEC.write(header(w, VoiceRelay.TYPE), m);
            case Goodbye m -> Goodbye.CODEC.write(header(w, Goodbye.TYPE), m);
            case TwinUpdate m -> TwinUpdate.CODEC.write(header(w, TwinUpdate.TYPE), m);
            case TwinReply m -> TwinReply.CODEC.write(header(w, TwinReply.TYPE), m);
            case Say m -> Say.CODEC.write(header(w, Say.TYPE), m);
        }
        return w;
    }

    private static FrameWriter header(FrameWriter w, int type) {
        return w.u8(ProtocolVersion.CURRENT).u8(type);
    }

    // ---- decoding ----

    /** Decodes a frame a client sent. Frames over {@value #MAX_CLIENT_FRAME_BYTES} bytes are malformed. */
    public static DecodeResult<ClientMessage> decodeClient(byte[] frame) {
        return decodeClient(frame, 0, frame == null ? 0 : frame.length, new FrameReader());
    }

    /** Decodes {@code frame[off, off+len)}, reusing {@code reader}. */
    public static DecodeResult<ClientMessage> decodeClient(byte[] frame, int off, int len, FrameReader reader) {
        if (len > MAX_CLIENT_FRAME_BYTES) {
            return new DecodeResult.Malformed<>("frame of " + len + " bytes exceeds the client limit of "
                    + MAX_CLIENT_FRAME_BYTES);
        }
        return decode(frame, off, len, reader, CLIENT);
    }

    /** Decodes a frame the server sent. */
    public static DecodeResult<ServerMessage> decodeServer(byte[] frame) {
        return decodeServer(frame, 0, frame == null ? 0 : frame.length, new FrameReader());
    }

    /** Decodes {@code frame[off, off+len)}, reusing {@code reader}. */
    public static DecodeResult<ServerMessage> decodeServer(byte[] frame, int off, int len, FrameReader reader) {
        return decode(frame, off, len, reader, SERVER);
    }

    @SuppressWarnings("unchecked")
    private static <T> DecodeResult<T> decode(byte[] frame, int off, int len, FrameReader r, Codec<?>[] codecs) {
        if (frame == null) {
            return new DecodeResult.Malformed<>("no frame");
        }
        if (off < 0 || len < 0 || off > frame.length - len) {
            return new DecodeResult.Malformed<>("range [" + off + ", " + off + "+" + len + ") outside a frame of "
                    + frame.length + " bytes");
        }
        if (len == 0) {
            return new DecodeResult.Malformed<>("truncated: empty frame");
        }
        int version = frame[off] & 0xFF;
        if (!ProtocolVersion.isSupported(version)) {
            return new DecodeResult.UnsupportedVersion<>(version);
        }
        if (len < HEADER_BYTES) {
            return new DecodeResult.Malformed<>("truncated: frame of 1 byte has no type");
        }
        int type = frame[off + 1] & 0xFF;
        Codec<T> codec = (Codec<T>) codecs[type];
        if (codec == null) {
            return new DecodeResult.UnknownType<>(type);
        }
        r.reset(frame, off, len).seek(HEADER_BYTES);
        T message;
        try {
            message = codec.read(r);
        } catch (RuntimeException e) {
            // Decoders check every field before building a record, so this is a bug in a decoder; the
            // contract (never throw on input) still holds. Tests assert it never happens.
            return new DecodeResult.Malformed<>(UNCHECKED_PREFIX + typeName(type) + ": " + e);
        }
        if (!r.ok()) {
            return new DecodeResult.Malformed<>(typeName(type) + ": " + r.error());
        }
        if (r.remaining() > 0) {
            return new DecodeResult.Malformed<>(typeName(type) + ": " + r.remaining() + " trailing bytes at offset "
                    + r.offset());
        }
        return new DecodeResult.Ok<>(message);
    }

    /** Starts the reason of a Malformed that a decoder failed to catch itself; tests look for it. */
    static final String UNCHECKED_PREFIX = "unchecked value in ";
}
