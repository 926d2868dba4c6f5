/**
 * The byte level of the real-time protocol: {@link org.pujiang.protocol.codec.FrameWriter} and
 * {@link org.pujiang.protocol.codec.FrameReader} over byte arrays (LEB128 and zigzag varints, little-endian
 * u16/u64/f32, big-endian UUIDs, length-prefixed UTF-8), strict {@link org.pujiang.protocol.codec.Utf8}
 * checks, and the {@link org.pujiang.protocol.codec.Codec} interface that message records implement
 * as constants. No dependencies; see docs/protocol.md for the wire format.
 */
package org.pujiang.protocol.codec;
