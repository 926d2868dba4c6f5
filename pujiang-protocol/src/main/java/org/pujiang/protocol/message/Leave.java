package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x03: leave the current space for good (the avatar cannot be resumed). No payload and no answer;
 * everything the server sends between Leave and the next {@link Joined} belongs to the old space.
 */
public record Leave() implements ClientMessage {
    public static final int TYPE = 0x03;
    public static final Leave INSTANCE = new Leave();

    public static final Codec<Leave> CODEC = Codec.of((w, m) -> { }, r -> INSTANCE);
}
