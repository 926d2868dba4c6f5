package org.pujiang.protocol.message;

/**
 * A message the server sends to a client: type bytes 0x80–0xFF. Entity ids in server messages are the
 * receiving client's own short ids (see docs/protocol.md, "Entity ids"). Records, value-based, validated
 * when built; each carries {@code TYPE} and {@code CODEC}.
 */
public sealed interface ServerMessage
        permits Welcome, Joined, State, Enter, Exit, ChatEvent, EmoteEvent, Holder, Presence, PresenceChange, Pong,
        ErrorMessage, VoiceRelay, Goodbye, TwinUpdate, TwinReply, Say {
}
