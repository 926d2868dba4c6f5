package org.pujiang.bench.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.Bounds;
import org.pujiang.space.ClientSink;
import org.pujiang.space.PresenceEntry;
import org.pujiang.space.Space;
import org.pujiang.space.SpaceConfig;
import org.pujiang.space.SpaceEnvironment;
import org.pujiang.space.entity.EntityView;

/**
 * One full tick of one space: every avatar sends a move (a 1.4 m/s walk that bounces off the walls),
 * the tick drains them, recomputes every client's interest set (30 m radius, K = 64, distance tiers)
 * and hands every client its enters, exits and due updates. The sink reads each update's state and
 * sums it, standing in for an encoder.
 *
 * <p>{@code areaPerAvatar} fixes the density, so the space grows with the avatar count: 50 m² is a
 * busy exhibition (each avatar has about 56 others within 30 m), 2 m² a packed crowd (thousands
 * within 30 m: the K cap and the scan's early exit decide). Linear growth means ms/op × 10 per row.
 *
 * <p>Run after {@code mvn -pl pujiang-bench -am package}:
 * {@code java -cp pujiang-bench/target/pujiang-bench.jar org.openjdk.jmh.Main SpaceTickBenchmark -wi 2 -i 3 -f 1 -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SpaceTickBenchmark {
    @Param({"100", "1000", "10000"})
    int avatars;

    @Param({"50", "2"})
    double areaPerAvatar;

    /** How often each client's interest set is recomputed: 50 ms = every tick at 20 Hz, 100 ms = the default. */
    @Param({"50", "100"})
    public int interestMs;

    /** Metres per side of a grid cell: 8 is the default. */
    @Param({"8"})
    public double cellSize;

    private Space space;
    private long now;
    private long period;
    private WalkingCrowd crowd;

    @Setup
    public void setUp() {
        double side = Math.max(20, Math.sqrt(avatars * areaPerAvatar));
        SpaceConfig config = SpaceConfig.defaults().withCapacity(avatars)
                .withBounds(Bounds.centred(side + 2, 10, side + 2)).withInboxCapacity(1 << 16)
                .withInterestInterval(java.time.Duration.ofMillis(interestMs)).withCellSize(cellSize);
        space = Space.create(config, SpaceEnvironment.deterministic(1));
        period = config.tickNanos();
        SplittableRandom random = new SplittableRandom(42);
        float half = (float) (side / 2);
        crowd = new WalkingCrowd(space, avatars, half, config.tickHz(), random);
        space.tick(now += period); // everyone enters everyone's view: not part of the steady state
        space.tick(now += period);
    }

    @Benchmark
    public void tick(Blackhole bh) {
        crowd.step(space);
        space.tick(now += period);
        bh.consume(crowd.sinks[0].sum);
    }

    /** Reads what an encoder would read, and sums it so that nothing is dead code. */
    static final class CountingSink implements ClientSink {
        long sum;

        @Override
        public void welcomeToSpace(int selfLocalId, long resumeKey) {
            sum += selfLocalId;
        }

        @Override
        public void enter(int localId, EntityKind kind, String name, String userId, EntityView state) {
            sum += localId + name.length() + Float.floatToRawIntBits(state.x()) + Float.floatToRawIntBits(state.z());
        }

        @Override
        public void exit(int localId) {
            sum += localId;
        }

        @Override
        public void beginState(long tick, long serverTimeMs) {
            sum += tick;
        }

        @Override
        public void update(int localId, int mask, EntityView state) {
            sum += localId ^ mask;
            sum += Float.floatToRawIntBits(state.x()) ^ Float.floatToRawIntBits(state.z());
        }

        @Override
        public void endState() {
            sum++;
        }

        @Override
        public void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text,
                long serverTimeMs) {
        }

        @Override
        public void say(int fromLocalId, int fromEntityId, org.pujiang.protocol.message.Say line, long serverTimeMs) {
            sum += fromLocalId + line.text().length();
        }

        @Override
        public void emote(int localId, int emote) {
        }

        @Override
        public void holder(int objectLocalId, int holderLocalId) {
        }

        @Override
        public void presence(List<PresenceEntry> everyone) {
            sum += everyone.size();
        }

        @Override
        public void presenceChange(PresenceEntry who, boolean joined) {
            sum++;
        }

        @Override
        public void voice(int fromLocalId, VoiceKind kind, String payload) {
        }

        @Override
        public void error(ErrorCode code, String message) {
        }

        @Override
        public void twinUpdate(String twin, String json, long serverTimeMs) {
        }

        @Override
        public void goodbye(ErrorCode code, String reason) {
        }

        @Override
        public int backlog() {
            return 0;
        }
    }
}
