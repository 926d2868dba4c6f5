package org.pujiang.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;

class RoundTripTest {
    static Stream<ClientMessage> clientMessages() {
        return Samples.client().stream();
    }

    static Stream<ServerMessage> serverMessages() {
        return Samples.server().stream();
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void clientMessageSurvivesEncodeAndDecode(ClientMessage message) {
        byte[] frame = Frames.encode(message);

        assertThat(frame[0]).isEqualTo((byte) ProtocolVersion.CURRENT);
        assertThat(frame[1] & 0xFF).isBetween(0x01, 0x7F);
        assertThat(frame.length).isLessThanOrEqualTo(Frames.MAX_CLIENT_FRAME_BYTES);
        assertThat(Frames.decodeClient(frame)).isEqualTo(new DecodeResult.Ok<>(message));
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void serverMessageSurvivesEncodeAndDecode(ServerMessage message) {
        byte[] frame = Frames.encode(message);

        assertThat(frame[1] & 0xFF).isBetween(0x80, 0xFF);
        assertThat(frame.length).isLessThanOrEqualTo(Frames.MAX_SERVER_FRAME_BYTES);
        assertThat(Frames.decodeServer(frame)).isEqualTo(new DecodeResult.Ok<>(message));
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<Class<?>> seen = new HashSet<>();
        Samples.client().forEach(m -> seen.add(m.getClass()));
        Samples.server().forEach(m -> seen.add(m.getClass()));

        assertThat(seen).containsAll(List.of(ClientMessage.class.getPermittedSubclasses()));
        assertThat(seen).containsAll(List.of(ServerMessage.class.getPermittedSubclasses()));
    }

    @Test
    void eachTypeByteBelongsToOneMessage() {
        Set<Integer> types = new HashSet<>();
        for (ClientMessage m : Samples.client()) {
            types.add(Frames.encode(m)[1] & 0xFF);
        }
        assertThat(types).hasSize(ClientMessage.class.getPermittedSubclasses().length);
        types.clear();
        for (ServerMessage m : Samples.server()) {
            types.add(Frames.encode(m)[1] & 0xFF);
        }
        assertThat(types).hasSize(ServerMessage.class.getPermittedSubclasses().length);
    }

    @Test
    void clientFramesDoNotDecodeAsServerFramesNorTheReverse() {
        for (ClientMessage m : Samples.client()) {
            assertThat(Frames.decodeServer(Frames.encode(m))).isInstanceOf(DecodeResult.UnknownType.class);
        }
        for (ServerMessage m : Samples.server()) {
            assertThat(Frames.decodeClient(Frames.encode(m)))
                    .isInstanceOfAny(DecodeResult.UnknownType.class, DecodeResult.Malformed.class);
        }
    }

    /** The dispatch shown in docs/protocol.md: an exhaustive pattern switch over the result. */
    private static String dispatch(byte[] bytes) {
        return switch (Frames.decodeClient(bytes)) {
            case DecodeResult.Ok<ClientMessage>(Input in) -> "input " + in.seq();
            case DecodeResult.Ok<ClientMessage>(var other) -> "other " + other.getClass().getSimpleName();
            case DecodeResult.Malformed<ClientMessage>(var reason) -> "malformed";
            case DecodeResult.UnknownType<ClientMessage>(var type) -> "unknown type " + type;
            case DecodeResult.UnsupportedVersion<ClientMessage>(var v) -> "unsupported version " + v;
        };
    }

    @Test
    void resultsAreMatchedWithAPatternSwitch() {
        assertThat(dispatch(Frames.encode(new Input(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("input 4");
        assertThat(dispatch(Frames.encode(new Ping(1)))).isEqualTo("other Ping");
        assertThat(dispatch(new byte[] {1, 4})).isEqualTo("malformed");
        assertThat(dispatch(new byte[] {1, 0x70})).isEqualTo("unknown type 112");
        assertThat(dispatch(new byte[] {2, 1})).isEqualTo("unsupported version 2");
    }

    @Test
    void oneWriterAndReaderEncodeAndDecodeManyFrames() {
        FrameWriter w = new FrameWriter(8);
        FrameReader r = new FrameReader();
        for (int round = 0; round < 3; round++) {
            for (ServerMessage m : Samples.server()) {
                Frames.encode(m, w.reset());
                assertThat(w.toByteArray()).isEqualTo(Frames.encode(m));
                assertThat(Frames.decodeServer(w.array(), 0, w.size(), r).ok()).contains(m);
            }
        }
    }

    @Test
    void framesCanBeDecodedFromInsideALargerArray() {
        byte[] frame = Frames.encode(Samples.client().get(0));
        byte[] padded = new byte[frame.length + 10];
        System.arraycopy(frame, 0, padded, 5, frame.length);

        assertThat(Frames.decodeClient(padded, 5, frame.length, new FrameReader()).ok())
                .contains(Samples.client().get(0));
    }

    @Test
    void streamingStateWriterGivesTheSameBytesAsTheRecord() {
        State state = (State) Samples.server().stream().filter(m -> m instanceof State s && s.updates().size() == 6)
                .findFirst().orElseThrow();
        FrameWriter w = new FrameWriter();
        State.writeHeader(w, state.tick(), state.serverTimeMs(), state.updates().size());
        // A server encodes each entity's body once per tick and copies it after each viewer's id.
        FrameWriter body = new FrameWriter();
        for (EntityUpdate u : state.updates()) {
            body.reset();
            EntityUpdate.writeBody(body, u.mask(), u.xCm(), u.yCm(), u.zCm(), u.yawSteps(), u.pitchSteps(), u.vxCm(),
                    u.vyCm(), u.vzCm(), u.anim());
            w.varInt(u.entity()).bytes(body.array(), 0, body.size());
        }

        assertThat(w.toByteArray()).isEqualTo(Frames.encode(state));
    }
}
