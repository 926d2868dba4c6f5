package org.pujiang.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.ServerMessage;

/**
 * Seeded random input: decoding must never throw, must never fall back on a record constructor to find a
 * bad value, and whatever decodes must encode back to exactly the same bytes (the encoding is canonical).
 */
class FuzzTest {
    private static final int[] CLIENT_TYPES = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c};
    private static final int[] SERVER_TYPES =
            {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e};

    private final FrameReader reader = new FrameReader();
    private int ok;

    private void check(byte[] frame) {
        DecodeResult<ClientMessage> c = Frames.decodeClient(frame, 0, frame.length, reader);
        DecodeResult<ServerMessage> s = Frames.decodeServer(frame, 0, frame.length, reader);
        if (c instanceof DecodeResult.Ok<ClientMessage>(var m)) {
            assertThat(Frames.encode(m)).as("re-encoding of %s", Hex.of(frame)).isEqualTo(frame);
            ok++;
        } else if (c instanceof DecodeResult.Malformed<ClientMessage>(var reason)) {
            assertThat(reason).as(Hex.of(frame)).doesNotStartWith(Frames.UNCHECKED_PREFIX);
        }
        if (s instanceof DecodeResult.Ok<ServerMessage>(var m)) {
            assertThat(Frames.encode(m)).as("re-encoding of %s", Hex.of(frame)).isEqualTo(frame);
            ok++;
        } else if (s instanceof DecodeResult.Malformed<ServerMessage>(var reason)) {
            assertThat(reason).as(Hex.of(frame)).doesNotStartWith(Frames.UNCHECKED_PREFIX);
        }
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int i = 0; i < 200_000; i++) {
            byte[] frame = new byte[random.nextInt(65)];
            random.nextBytes(frame);
            // Most random first bytes are an unsupported version; give three in four a real header.
            if (frame.length >= 2 && (i & 3) != 0) {
                frame[0] = 1;
                frame[1] = (byte) ((i & 1) == 0 ? CLIENT_TYPES[random.nextInt(CLIENT_TYPES.length)]
                        : SERVER_TYPES[random.nextInt(SERVER_TYPES.length)]);
            }
            check(frame);
        }
        // the short messages (Leave, Emote, Grab, Exit, Holder, Ping, …) do decode now and then
        assertThat(ok).isGreaterThan(100);
    }

    @Test
    void mutatedValidFramesNeverThrow() {
        List<byte[]> frames = Samples.smallFrames();
        SplittableRandom random = new SplittableRandom(7_654_321);
        for (int i = 0; i < 200_000; i++) {
            byte[] frame = frames.get(random.nextInt(frames.size()));
            int mutations = 1 + random.nextInt(3);
            for (int k = 0; k < mutations; k++) {
                frame = mutate(frame, random);
            }
            check(frame);
        }
        assertThat(ok).isGreaterThan(1000);
    }

    private static byte[] mutate(byte[] frame, SplittableRandom random) {
        int n = frame.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        return switch (random.nextInt(8)) {
            case 0 -> { // flip one bit
                byte[] f = frame.clone();
                if (n > 0) {
                    f[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield f;
            }
            case 1 -> { // replace a byte, with a bias to varint and UTF-8 edge values
                byte[] f = frame.clone();
                if (n > 0) {
                    int[] edges = {0x00, 0x01, 0x7f, 0x80, 0xbf, 0xc0, 0xed, 0xf4, 0xff};
                    f[at] = (byte) (random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(256));
                }
                yield f;
            }
            case 2 -> { // insert a byte
                byte[] f = new byte[n + 1];
                System.arraycopy(frame, 0, f, 0, at);
                f[at] = (byte) random.nextInt(256);
                System.arraycopy(frame, at, f, at + 1, n - at);
                yield f;
            }
            case 3 -> { // delete a byte
                if (n == 0) {
                    yield frame;
                }
                byte[] f = new byte[n - 1];
                System.arraycopy(frame, 0, f, 0, at);
                System.arraycopy(frame, at + 1, f, at, n - at - 1);
                yield f;
            }
            case 4 -> Arrays.copyOf(frame, at); // truncate
            case 5 -> { // a huge length or count: five 0xff-ish bytes
                byte[] f = frame.clone();
                for (int j = at; j < Math.min(n, at + 5); j++) {
                    f[j] = (byte) (j == at + 4 ? 0x0f : 0xff);
                }
                yield f;
            }
            case 6 -> { // duplicate a slice
                int len = Math.min(n - at, 1 + random.nextInt(8));
                byte[] f = new byte[n + len];
                System.arraycopy(frame, 0, f, 0, at + len);
                System.arraycopy(frame, at, f, at + len, n - at);
                yield f;
            }
            default -> { // swap the type for another of either direction
                byte[] f = frame.clone();
                if (n > 1) {
                    f[1] = (byte) (random.nextBoolean() ? CLIENT_TYPES[random.nextInt(CLIENT_TYPES.length)]
                            : SERVER_TYPES[random.nextInt(SERVER_TYPES.length)]);
                }
                yield f;
            }
        };
    }
}
