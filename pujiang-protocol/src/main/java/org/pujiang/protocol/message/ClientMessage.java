package org.pujiang.protocol.message;

/**
 * A message a client sends to the server: type bytes 0x01–0x7F. Messages are immutable records,
 * value-based (compare with {@code equals}, never by identity) and validated when built. Each carries its
 * type byte as {@code TYPE} and its payload codec as {@code CODEC}; {@code org.pujiang.protocol.Frames}
 * puts them in frames.
 */
public sealed interface ClientMessage
        permits Hello, Join, Leave, Input, Chat, Emote, Grab, MoveObject, Release, Ping, VoiceSignal, Moderate,
        TwinCommand {
}
