/**
 * The messages of real-time protocol v1, one record per message: {@link org.pujiang.protocol.message.ClientMessage}s
 * (type bytes 0x01–0x7F) and {@link org.pujiang.protocol.message.ServerMessage}s (0x80–0xFF). Each record
 * validates itself when built, names its type byte {@code TYPE}, its limits, and its payload {@code CODEC}.
 * Records are immutable and may be shared between threads. docs/protocol.md is the written spec.
 */
package org.pujiang.protocol.message;
