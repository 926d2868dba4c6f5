package org.pujiang.agent.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.Bounds;
import org.pujiang.space.ClientSink;
import org.pujiang.space.PresenceEntry;
import org.pujiang.space.Space;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.SpaceConfig;
import org.pujiang.space.SpaceEnvironment;
import org.pujiang.space.entity.EntityState;
import org.pujiang.space.entity.EntityView;

/** The brain in a real space (the engine from Space.create, ticked by hand), seen by visitors' sinks. */
class AgentInSpaceTest {
    static final long AGENT = 1000;

    /** What one visitor's client is told. */
    static final class VisitorSink implements ClientSink {
        record SayEvent(int fromLocalId, int fromEntityId, Say line) {}

        record ChatEvent(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text) {}

        final Map<Integer, EntityState> known = new HashMap<>();
        final Map<Integer, EntityKind> kinds = new HashMap<>();
        final List<SayEvent> says = new ArrayList<>();
        final List<ChatEvent> chats = new ArrayList<>();
        final List<ErrorCode> errors = new ArrayList<>();
        int selfLocal;
        ErrorCode goodbye;

        /** This client's local id for the first agent it sees, or 0. */
        int agentLocal() {
            return kinds.entrySet().stream().filter(e -> e.getValue() == EntityKind.AGENT && e.getKey() != selfLocal)
                    .map(Map.Entry::getKey).findFirst().orElse(0);
        }

        EntityState agent() {
            return known.get(agentLocal());
        }

        @Override
        public void welcomeToSpace(int selfLocalId, long resumeKey) {
            selfLocal = selfLocalId;
        }

        @Override
        public void enter(int localId, EntityKind kind, String name, String userId, EntityView state) {
            known.put(localId, state.snapshot());
            kinds.put(localId, kind);
        }

        @Override
        public void exit(int localId) {
            known.remove(localId);
            kinds.remove(localId);
        }

        @Override
        public void beginState(long tick, long serverTimeMs) {}

        @Override
        public void update(int localId, int mask, EntityView state) {
            known.put(localId, state.snapshot());
        }

        @Override
        public void endState() {}

        @Override
        public void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text,
                long serverTimeMs) {
            chats.add(new ChatEvent(fromLocalId, fromEntityId, fromName, scope, text));
        }

        @Override
        public void say(int fromLocalId, int fromEntityId, Say line, long serverTimeMs) {
            says.add(new SayEvent(fromLocalId, fromEntityId, line));
        }

        @Override
        public void emote(int localId, int emote) {}

        @Override
        public void holder(int objectLocalId, int holderLocalId) {}

        @Override
        public void presence(List<PresenceEntry> everyone) {}

        @Override
        public void presenceChange(PresenceEntry who, boolean joined) {}

        @Override
        public void voice(int fromLocalId, VoiceKind kind, String payload) {}

        @Override
        public void error(ErrorCode code, String message) {
            errors.add(code);
        }

        @Override
        public void twinUpdate(String twin, String json, long serverTimeMs) {}

        @Override
        public void goodbye(ErrorCode code, String reason) {
            goodbye = code;
        }

        @Override
        public int backlog() {
            return 0;
        }
    }

    /** A space with the guide agent at the origin; time from 0 at the space's own period. */
    static final class World {
        final Space space;
        final FakeAnswerer answerer = new FakeAnswerer();
        final List<List<String>> handoffs = new ArrayList<>();
        final AgentBrain brain;
        final Map<Long, VisitorSink> visitors = new HashMap<>();
        /** What the brain offered, in order. */
        final List<SpaceCommand> sent = new ArrayList<>();
        final long period;
        long now;

        World(SpaceEnvironment env) {
            this(env, SpaceConfig.defaults());
        }

        World(SpaceEnvironment env, SpaceConfig config) {
            space = Space.create(config, env);
            period = config.tickNanos();
            brain = new AgentBrain(AgentBrainTest.profile(), answerer, c -> {
                sent.add(c);
                space.offer(c);
            }, AGENT,
                    (u, n, q) -> handoffs.add(List.of(u, n, q)));
            offer(brain.addCommand("agent:guide", 0));
        }

        World() {
            this(SpaceEnvironment.deterministic(7));
        }

        void offer(SpaceCommand c) {
            assertThat(space.offer(c)).isTrue();
        }

        VisitorSink join(long id, String name, boolean host, float x, float z) {
            VisitorSink s = new VisitorSink();
            visitors.put(id, s);
            offer(new SpaceCommand.Join(id, "user-" + id, name, host, 0, s));
            offer(new SpaceCommand.Teleport(id, x, 0, z));
            return s;
        }

        void teleport(long id, float x, float z) {
            offer(new SpaceCommand.Teleport(id, x, 0, z));
        }

        void tick() {
            now += period;
            space.tick(now);
        }

        void run(double seconds) {
            for (int i = 0; i < Math.round(seconds / (period / 1e9)); i++) {
                tick();
            }
        }

        /** Ticks until {@code done}, at most {@code maxTicks}; how many it took. */
        int until(BooleanSupplier done, int maxTicks) {
            for (int i = 1; i <= maxTicks; i++) {
                tick();
                if (done.getAsBoolean()) {
                    return i;
                }
            }
            throw new AssertionError("not done within " + maxTicks + " ticks");
        }
    }

    @Test
    void aVisitorWhoComesCloseIsGreetedByTheAgentItSees() {
        World w = new World();
        VisitorSink v = w.join(1, "Ann", false, 10, 0);
        w.tick();
        assertThat(v.agentLocal()).isNotZero();
        assertThat(v.agent().x()).isZero();
        w.run(1);
        assertThat(v.says).isEmpty();
        w.teleport(1, 2, 0);
        int ticks = w.until(() -> !v.says.isEmpty(), 10);
        assertThat(ticks).isLessThanOrEqualTo(3); // teleport, perceive, act, deliver
        VisitorSink.SayEvent s = v.says.getFirst();
        assertThat(s.fromLocalId()).isEqualTo(v.agentLocal());
        assertThat(s.fromEntityId()).isEqualTo(v.agent().entityId());
        assertThat(s.line().fromEntity()).isEqualTo(v.agentLocal());
        assertThat(s.line().fromName()).isEqualTo("Guide");
        assertThat(s.line().scope()).isEqualTo(ChatScope.DIRECT);
        assertThat(s.line().text()).isEqualTo("您好，Ann！欢迎来到展厅。");
        assertThat(s.line().gesture()).isEqualTo("greet");
        // and it turns to face her (east: yaw 3π/2)
        w.run(2);
        assertThat(v.agent().yaw()).isCloseTo((float) (1.5 * Math.PI), within(0.06f));
        assertThat(w.space.metrics().saysDelivered()).isEqualTo(1);
    }

    @Test
    void aQuestionInChatIsAnsweredWhenTheAnswererCompletes() {
        World w = new World();
        VisitorSink v = w.join(1, "Ann", false, 10, 0);
        w.tick();
        w.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, v.agentLocal(), "When does the hall open?"));
        w.tick();
        assertThat(w.answerer.asks).singleElement()
                .satisfies(a -> assertThat(a.question()).isEqualTo("When does the hall open?"));
        w.run(1);
        assertThat(v.says).isEmpty();
        w.answerer.last().answerFromAnotherThread(
                AgentReply.answer("Nine to five, every day.", "en", "hours", 0.9));
        w.until(() -> !v.says.isEmpty(), 2);
        assertThat(v.says.getFirst().line()).satisfies(l -> {
            assertThat(l.text()).isEqualTo("Nine to five, every day.");
            assertThat(l.scope()).isEqualTo(ChatScope.DIRECT);
            assertThat(l.entryId()).isEqualTo("hours");
            assertThat(l.words()).isNotEmpty();
        });
        // a SPACE question naming the agent is answered to everyone, from out of view too
        VisitorSink far = w.join(2, "Bob", false, 300, 0);
        w.tick();
        w.offer(new SpaceCommand.Chat(2, ChatScope.SPACE, 0, "@Guide where is the cafe?"));
        w.tick();
        assertThat(w.answerer.last().question()).isEqualTo("where is the cafe?");
        w.answerer.last().future().complete(AgentReply.answer("On the ground floor.", "en", "cafe", 0.8));
        w.until(() -> !far.says.isEmpty(), 2);
        assertThat(far.says.getFirst().fromLocalId()).isZero();
        assertThat(far.says.getFirst().line().scope()).isEqualTo(ChatScope.SPACE);
        assertThat(v.says).hasSize(2);
    }

    @Test
    void anUnsureAnswerNotifiesTheHostsAndTellsTheVisitor() {
        World w = new World();
        VisitorSink v = w.join(1, "Ann", false, 10, 0);
        VisitorSink host = w.join(2, "Operator", true, 300, 300);
        VisitorSink other = w.join(3, "Bob", false, -10, 0);
        w.tick();
        w.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, v.agentLocal(), "Can I bring my dog?"));
        w.tick();
        w.answerer.last().answerFromAnotherThread(AgentReply.unsure("en", 0.1));
        w.until(() -> !v.says.isEmpty(), 2);
        assertThat(v.says.getFirst().line()).satisfies(l -> {
            assertThat(l.handoff()).isTrue();
            assertThat(l.expression()).isEqualTo("concerned");
        });
        assertThat(host.chats).singleElement().satisfies(c -> {
            assertThat(c.scope()).isEqualTo(ChatScope.DIRECT);
            assertThat(c.fromName()).isEqualTo("Guide");
            assertThat(c.fromLocalId()).isZero(); // far away
            assertThat(c.text()).isEqualTo("Ann asked: Can I bring my dog?");
        });
        assertThat(other.chats).isEmpty();
        assertThat(other.says).isEmpty();
        assertThat(w.handoffs).containsExactly(List.of("user-1", "Ann", "Can I bring my dog?"));
    }

    @Test
    void aTourWalksInTheSpaceAndWaitsForTheGroup() {
        World w = new World();
        VisitorSink v = w.join(1, "Ann", false, 2, 0);
        w.run(0.5);
        w.offer(new SpaceCommand.Chat(1, ChatScope.NEARBY, 0, "can you show me around?"));
        w.tick();
        w.answerer.last().future().complete(new AgentReply("Please follow me.", "en", "tour", 0.9, false, null, null,
                AgentReply.TOUR));
        w.until(() -> v.says.size() == 2, 3);
        assertThat(v.says.getLast().line().text()).isEqualTo("Please follow me.");
        w.run(1);
        EntityState a = v.agent();
        assertThat(a.z()).isBetween(-1.5f, -0.9f); // walking north at 1.2 m/s
        assertThat(a.anim()).isEqualTo(AgentBrain.ANIM_WALK);
        assertThat(a.vz()).isCloseTo(-AgentProfile.WALK_SPEED, within(1e-3f));
        w.run(5);
        assertThat(v.agent().z()).isEqualTo(-5);
        assertThat(v.agent().anim()).isEqualTo(AgentBrain.ANIM_IDLE);
        // Ann stayed at (2, 0), 5.4 m off: within the group radius, so the agent narrates without waiting
        w.run(0.5);
        assertThat(v.says).hasSize(3).last().satisfies(s -> {
            assertThat(s.line().text()).isEqualTo("These are bronzes.");
            assertThat(s.line().scope()).isEqualTo(ChatScope.NEARBY);
        });
        assertThat(w.space.metrics().movesClamped()).isZero(); // never faster than the engine allows
    }

    @Test
    void theTourWaitsAtAStopUntilTheGroupIsNear() {
        World w = new World();
        VisitorSink v = w.join(1, "Ann", false, 2, 0);
        w.run(0.5);
        w.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, v.agentLocal(), "tour please"));
        w.tick();
        w.answerer.last().future().complete(new AgentReply("", "en", "tour", 0.9, false, null, null, AgentReply.TOUR));
        w.teleport(1, 0, 10); // lags behind
        w.run(10);
        assertThat(v.agent().z()).isEqualTo(-5);
        int said = v.says.size();
        w.run(10);
        assertThat(v.says).hasSize(said); // waiting
        w.teleport(1, 0, -2);
        w.until(() -> v.says.size() == said + 1, 4);
        assertThat(v.says.getLast().line().text()).isEqualTo("These are bronzes.");
    }

    @Test
    void aStopTheEngineWillNotLetItReachDoesNotHoldTheTourForever() {
        // a 6 m room: the first stop (z = -5) lies beyond its wall at z = -3
        World w = new World(SpaceEnvironment.deterministic(7), SpaceConfig.defaults().withBounds(Bounds.centred(6, 10, 6)));
        VisitorSink v = w.join(1, "Ann", false, 2, 0);
        w.run(0.5);
        w.brain.startTour();
        w.run(10);
        assertThat(v.agent().z()).isEqualTo(-3); // held at the wall
        assertThat(v.says).noneMatch(s -> s.line().text().equals("这是青铜器。"));
        // given up after twice the walk's time and 10 s: it narrates where it stands
        w.run(10);
        assertThat(v.says).anyMatch(s -> s.line().text().equals("这是青铜器。"));
        assertThat(v.agent().anim()).isEqualTo(AgentBrain.ANIM_IDLE);
    }

    @Test
    void hostsCannotKickTheAgentAndItKeepsAnswering() {
        World w = new World();
        VisitorSink host = w.join(1, "Owner", true, 3, 3);
        w.tick();
        int agentLocal = host.agentLocal();
        w.offer(new SpaceCommand.Moderate(1, ModerationAction.KICK, agentLocal, "out"));
        w.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, agentLocal, ""));
        w.tick();
        assertThat(host.errors).containsExactly(ErrorCode.INVALID_INPUT, ErrorCode.INVALID_INPUT);
        assertThat(w.space.metrics().agents()).isEqualTo(1);
        w.run(3);
        w.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, agentLocal, "still there?"));
        w.tick();
        w.answerer.last().future().complete(AgentReply.answer("Always.", "en", "here", 1));
        w.until(() -> host.says.stream().anyMatch(s -> s.line().text().equals("Always.")), 2);
        assertThat(host.goodbye).isNull();
    }

    @Test
    void theAgentsCostIsMeasuredPerTick() {
        World w = new World(SpaceEnvironment.system());
        w.join(1, "Ann", false, 2, 0);
        w.run(1);
        assertThat(w.space.metrics().agents()).isEqualTo(1);
        assertThat(w.space.metrics().agentActNanos()).isPositive();
        assertThat(w.space.metrics().agentFailures()).isZero();
    }
}
