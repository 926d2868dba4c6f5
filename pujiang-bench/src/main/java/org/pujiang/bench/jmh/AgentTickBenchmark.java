package org.pujiang.bench.jmh;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
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
import org.pujiang.agent.behaviour.AgentBrain;
import org.pujiang.agent.behaviour.AgentProfile;
import org.pujiang.agent.behaviour.AgentReply;
import org.pujiang.agent.behaviour.Answerer;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.space.Bounds;
import org.pujiang.space.Space;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.SpaceConfig;
import org.pujiang.space.SpaceEnvironment;

/**
 * What digital humans add to a space's tick: {@code avatars} people walking (as in {@link SpaceTickBenchmark}, 50 m²
 * each) and {@code agents} agents standing among them. Each agent perceives the avatars in its view, greets those who
 * come close, turns to the nearest, and every second one person near it asks it a question in nearby chat, which it
 * answers with a line of about 60 characters and its word timings (the answer itself comes from an answerer that is
 * already done, as retrieval runs off the tick thread). The cost of one agent is the difference between the rows.
 *
 * <p>Run after {@code mvn -pl pujiang-bench -am package}:
 * {@code java -cp pujiang-bench/target/pujiang-bench.jar org.openjdk.jmh.Main AgentTickBenchmark -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AgentTickBenchmark {
    @Param({"100"})
    public int avatars;

    @Param({"0", "1", "4"})
    public int agents;

    private static final String ANSWER = "本大厅的自助服务区24小时开放，全年无休；人工窗口一般在工作日白天办公，节假日安排以大厅公告为准。";

    private Space space;
    private long now;
    private long period;
    private WalkingCrowd crowd;
    private long ticks;

    @Setup
    public void setUp() {
        double side = Math.max(20, Math.sqrt(avatars * 50.0));
        SpaceConfig config = SpaceConfig.defaults().withCapacity(avatars)
                .withBounds(Bounds.centred(side + 2, 10, side + 2)).withInboxCapacity(1 << 16);
        space = Space.create(config, SpaceEnvironment.deterministic(1));
        period = config.tickNanos();
        SplittableRandom random = new SplittableRandom(42);
        float half = (float) (side / 2);
        crowd = new WalkingCrowd(space, avatars, half, config.tickHz(), random);
        Answerer answerer = (question, lang) -> CompletableFuture.completedFuture(
                AgentReply.answer(ANSWER, "zh-CN", "svc-hours", 0.8));
        for (int a = 0; a < agents; a++) {
            long clientId = 1_000_000 + a;
            AgentProfile profile = new AgentProfile("agent-" + a, "agent " + a,
                    Map.of("zh-CN", "您好，欢迎来到政务服务大厅！"), List.of("zh-CN", "en"), List.of(),
                    (float) random.nextDouble(-half / 2, half / 2), (float) random.nextDouble(-half / 2, half / 2), 0);
            AgentBrain brain = new AgentBrain(profile, answerer, space::offer, clientId);
            space.offer(brain.addCommand("agent-" + a, 0));
        }
        space.tick(now += period);
        space.tick(now += period);
    }

    @Benchmark
    public void tick(Blackhole bh) {
        crowd.step(space);
        if (++ticks % 20 == 0) {
            // once a second someone asks, in nearby chat, whichever agents are around them
            int asker = (int) ((ticks / 20) % avatars);
            space.offer(new SpaceCommand.Chat(asker, ChatScope.NEARBY, 0, "大厅几点开门？"));
        }
        space.tick(now += period);
        bh.consume(crowd.sinks[0].sum);
    }
}
