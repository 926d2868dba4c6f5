package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;
import org.pujiang.space.RecordingSink.ChatLine;
import org.pujiang.space.RecordingSink.Enter;
import org.pujiang.space.RecordingSink.Exit;
import org.pujiang.space.RecordingSink.PresenceChange;
import org.pujiang.space.RecordingSink.SayLine;
import org.pujiang.space.RecordingSink.Welcome;

/** Agents in the engine: AddAgent, their actor's tick, Say and NotifyHosts, and what hosts may not do to them. */
class AgentTest {
    private static final long AGENT = 100;

    /** Remembers the times it was called at, and what its sink had heard by then. */
    private static final class Actor implements AgentActor {
        final List<Long> calls = new ArrayList<>();
        final List<Integer> heardAtCall = new ArrayList<>();
        RecordingSink sink;

        @Override
        public void act(long nowNanos) {
            calls.add(nowNanos);
            heardAtCall.add(sink.all(ChatLine.class).size());
        }
    }

    private static Actor addAgent(SpaceHarness h, float x, float z) {
        Actor actor = new Actor();
        actor.sink = new RecordingSink();
        h.offer(new SpaceCommand.AddAgent(AGENT, "agent:guide", "Guide", x, 0, z, 1.5f, actor.sink, actor));
        return actor;
    }

    private static Say line(String text) {
        return new Say(0, "", ChatScope.SPACE, text, "en", "greet", "smile",
                List.of(new SayWord(0, Math.min(5, text.length()), 0)), "e1", "", false, 0);
    }

    @Test
    void anAgentStandsWhereItWasPutAndIsSeenAsAnAgent() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 5, 6);
        h.joinAt(1, 0, 0);
        h.tick();
        RecordingSink agent = actor.sink;
        assertThat(agent.all(Welcome.class)).singleElement()
                .satisfies(w -> assertThat(w.resumeKey()).isZero()); // never resumable
        Enter self = agent.all(Enter.class).getFirst();
        assertThat(self.localId()).isEqualTo(agent.selfLocalId);
        assertThat(self.kind()).isEqualTo(EntityKind.AGENT);
        assertThat(self.state().x()).isEqualTo(5);
        assertThat(self.state().z()).isEqualTo(6);
        assertThat(self.state().yaw()).isEqualTo(1.5f);
        int agentId = agent.selfEntityId();
        RecordingSink visitor = h.sink(1);
        assertThat(visitor.all(Enter.class)).filteredOn(e -> e.state().entityId() == agentId).singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(EntityKind.AGENT);
                    assertThat(e.name()).isEqualTo("Guide");
                    assertThat(e.userId()).isEmpty(); // no account behind an agent, on the wire
                });
        // the agent perceives the visitor like a client would, and the people present; presence lists
        // people, so neither list has the agent
        assertThat(agent.sees(visitor.selfEntityId())).isTrue();
        assertThat(agent.all(RecordingSink.PresenceList.class)).singleElement().satisfies(p -> assertThat(
                p.everyone()).extracting(PresenceEntry::entityId).containsExactly(visitor.selfEntityId()));
        assertThat(visitor.all(RecordingSink.PresenceList.class)).singleElement()
                .satisfies(p -> assertThat(p.everyone()).extracting(PresenceEntry::entityId).doesNotContain(agentId));
        SpaceMetrics m = h.metrics();
        assertThat(m.agents()).isEqualTo(1);
        assertThat(m.clients()).isEqualTo(1);
        assertThat(m.avatars()).isEqualTo(1);
        assertThat(m.entities()).isEqualTo(2);
    }

    @Test
    void anAgentIsClampedToTheBoundsAndNotCountedAgainstTheCapacity() {
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withCapacity(1));
        Actor actor = addAgent(h, 10_000, -3);
        h.join(1);
        h.join(2);
        h.tick();
        assertThat(actor.sink.all(Enter.class).getFirst().state().x()).isEqualTo(500);
        assertThat(h.sink(1).goodbye()).isEmpty();
        assertThat(h.sink(2).goodbye()).hasValueSatisfying(g -> assertThat(g.code()).isEqualTo(ErrorCode.SPACE_FULL));
    }

    @Test
    void aBadAgentIsRefusedLikeABadJoin() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink sink = new RecordingSink();
        h.offer(new SpaceCommand.AddAgent(AGENT, "agent:x", "X", Float.NaN, 0, 0, 0, sink, now -> {}));
        h.tick();
        assertThat(sink.errorCodes()).containsExactly(ErrorCode.INVALID_INPUT);
        assertThat(sink.goodbye()).isPresent();
        assertThat(h.metrics().agents()).isZero();
        h.join(AGENT);
        RecordingSink again = new RecordingSink();
        h.offer(new SpaceCommand.AddAgent(AGENT, "agent:x", "X", 0, 0, 0, 0, again, now -> {}));
        h.tick();
        assertThat(again.errorCodes()).containsExactly(ErrorCode.ALREADY_JOINED);
    }

    @Test
    void theActorRunsOncePerTickAfterTheTicksCommands() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.joinAt(1, 2, 0);
        h.tick();
        h.offer(new SpaceCommand.Chat(1, ChatScope.NEARBY, 0, "hello guide"));
        h.tick();
        h.ticks(3);
        assertThat(actor.calls).hasSize(5).isSorted();
        assertThat(actor.calls.getLast()).isEqualTo(h.now);
        // the chat offered for tick 2 was heard before the actor ran in tick 2
        assertThat(actor.heardAtCall).containsExactly(0, 1, 1, 1, 1);
    }

    @Test
    void aThrowingActorIsCountedAndTheSpaceGoesOn() {
        SpaceHarness h = new SpaceHarness();
        h.offer(new SpaceCommand.AddAgent(AGENT, "agent:x", "X", 0, 0, 0, 0, new RecordingSink(), now -> {
            throw new IllegalStateException("a brain bug");
        }));
        h.joinAt(1, 1, 0);
        h.ticks(3);
        assertThat(h.metrics().agentFailures()).isEqualTo(3);
        assertThat(h.sink(1).goodbye()).isEmpty();
        assertThat(h.sink(1).all(Enter.class)).hasSize(2);
    }

    @Test
    void anAgentMovesWithMovesAndLeavesWithLeave() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.joinAt(1, 5, 0);
        h.tick();
        RecordingSink visitor = h.sink(1);
        int agentId = actor.sink.selfEntityId();
        h.offer(new SpaceCommand.Move(AGENT, 1, 0.1f, 0, 0, 0.5f, 0, 1.2f, 0, 0, 1, 0));
        h.tick();
        assertThat(visitor.stateOf(agentId)).hasValueSatisfying(s -> {
            assertThat(s.x()).isEqualTo(0.1f);
            assertThat(s.anim()).isEqualTo(1);
            assertThat(s.yaw()).isEqualTo(0.5f);
        });
        int local = visitor.localOf(agentId).orElseThrow();
        h.offer(new SpaceCommand.Leave(AGENT));
        h.tick();
        assertThat(visitor.all(Exit.class)).extracting(Exit::localId).containsExactly(local);
        assertThat(visitor.all(PresenceChange.class)).isEmpty();
        assertThat(h.metrics().agents()).isZero();
        h.ticks(2);
        assertThat(actor.calls).hasSize(2); // not called in the tick it left, nor after
    }

    @Test
    void aDisconnectedAgentIsGoneNotResumable() {
        SpaceHarness h = new SpaceHarness();
        addAgent(h, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Disconnect(AGENT));
        h.tick();
        assertThat(h.metrics().agents()).isZero();
        assertThat(h.metrics().resumable()).isZero();
        assertThat(h.metrics().entities()).isZero();
    }

    @Test
    void spaceSayReachesEveryoneButTheAgentInEachOnesNumbering() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.joinAt(1, 3, 0);
        h.joinAt(2, 300, 0); // far: does not see the agent
        h.tick();
        int agentId = actor.sink.selfEntityId();
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.SPACE, 0, line("Welcome, everyone")));
        h.tick();
        RecordingSink near = h.sink(1);
        assertThat(near.all(SayLine.class)).singleElement().satisfies(s -> {
            int local = near.localOf(agentId).orElseThrow();
            assertThat(s.fromLocalId()).isEqualTo(local);
            assertThat(s.fromEntityId()).isEqualTo(agentId);
            assertThat(s.line().fromEntity()).isEqualTo(local);
            assertThat(s.line().fromName()).isEqualTo("Guide");
            assertThat(s.line().scope()).isEqualTo(ChatScope.SPACE);
            assertThat(s.line().serverTimeMs()).isEqualTo(s.serverTimeMs()).isEqualTo(h.now / 1_000_000);
            assertThat(s.line().text()).isEqualTo("Welcome, everyone");
            assertThat(s.line().gesture()).isEqualTo("greet");
            assertThat(s.line().entryId()).isEqualTo("e1");
            assertThat(s.line().words()).hasSize(1);
        });
        assertThat(h.sink(2).all(SayLine.class)).singleElement().satisfies(s -> {
            assertThat(s.fromLocalId()).isZero();
            assertThat(s.line().fromEntity()).isZero();
            assertThat(s.fromEntityId()).isEqualTo(agentId);
        });
        assertThat(actor.sink.all(SayLine.class)).isEmpty();
        assertThat(h.metrics().saysDelivered()).isEqualTo(2);
        assertThat(h.metrics().chatsDelivered()).isZero();
    }

    @Test
    void nearbySayGoesByDistance() {
        SpaceHarness h = new SpaceHarness();
        addAgent(h, 0, 0);
        h.joinAt(1, 3, 0);
        h.joinAt(2, 0, 29);
        h.joinAt(3, 0, 40);
        h.tick();
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.NEARBY, 0, line("Over here")));
        h.tick();
        assertThat(h.sink(1).all(SayLine.class)).singleElement()
                .satisfies(s -> assertThat(s.line().scope()).isEqualTo(ChatScope.NEARBY));
        assertThat(h.sink(2).all(SayLine.class)).hasSize(1);
        assertThat(h.sink(3).all(SayLine.class)).isEmpty();
    }

    @Test
    void directSayReachesOneAvatarBySpaceWideId() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.joinAt(1, 3, 0);
        h.joinAt(2, 300, 0); // out of the agent's view: still addressable by its id
        h.tick();
        int farId = h.sink(2).selfEntityId();
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.DIRECT, farId, line("Just you")));
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.DIRECT, 9999, line("Nobody")));
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.DIRECT, actor.sink.selfEntityId(), line("Myself")));
        h.tick();
        assertThat(h.sink(2).all(SayLine.class)).singleElement().satisfies(s -> {
            assertThat(s.line().text()).isEqualTo("Just you");
            assertThat(s.line().scope()).isEqualTo(ChatScope.DIRECT);
        });
        assertThat(h.sink(1).all(SayLine.class)).isEmpty();
        assertThat(actor.sink.all(SayLine.class)).isEmpty();
        assertThat(actor.sink.errorCodes()).containsExactly(ErrorCode.NO_SUCH_ENTITY, ErrorCode.NO_SUCH_ENTITY);
    }

    @Test
    void onlyAnAgentMaySayOrNotifyHosts() {
        SpaceHarness h = new SpaceHarness();
        h.joinAt(1, 0, 0);
        h.join(2, "host", "Host", true, 0);
        h.tick();
        h.offer(new SpaceCommand.Say(1, ChatScope.SPACE, 0, line("I am not an agent")));
        h.offer(new SpaceCommand.NotifyHosts(1, "help"));
        h.tick();
        assertThat(h.sink(1).errorCodes()).containsExactly(ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN);
        assertThat(h.sink(2).all(SayLine.class)).isEmpty();
        assertThat(h.sink(2).all(ChatLine.class)).isEmpty();
    }

    @Test
    void notifyHostsReachesEveryHostAsADirectLineFromTheAgent() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.join(1, "owner", "Owner", true, 0);
        h.join(2, "operator", "Operator", true, 0);
        h.teleport(2, 400, 0, 0);
        h.joinAt(3, 2, 0);
        h.tick();
        int agentId = actor.sink.selfEntityId();
        h.offer(new SpaceCommand.NotifyHosts(AGENT, "Visitor asked: where is the\u202E exit?"));
        h.offer(new SpaceCommand.NotifyHosts(AGENT, "问".repeat(600)));
        h.tick();
        for (long host : new long[] {1, 2}) {
            assertThat(h.sink(host).all(ChatLine.class)).hasSize(2).first().satisfies(l -> {
                assertThat(l.scope()).isEqualTo(ChatScope.DIRECT);
                assertThat(l.fromEntityId()).isEqualTo(agentId);
                assertThat(l.fromName()).isEqualTo("Guide");
                assertThat(l.text()).isEqualTo("Visitor asked: where is the exit?");
            });
        }
        // a long notice is cut to the chat limit, not lost
        String cut = h.sink(1).all(ChatLine.class).get(1).text();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(500);
        assertThat(cut).endsWith("…");
        assertThat(h.sink(3).all(ChatLine.class)).isEmpty();
        assertThat(h.sink(2).all(ChatLine.class).getFirst().fromLocalId()).isZero(); // far host: not in view
    }

    @Test
    void hostsCannotMuteOrKickAnAgent() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.join(1, "owner", "Owner", true, 0);
        h.teleport(1, 2, 0, 0);
        h.tick();
        int agentLocal = h.sink(1).localOf(actor.sink.selfEntityId()).orElseThrow();
        for (int i = 0; i < 20; i++) { // more than the abuse limit: these are not counted as abuse
            h.offer(new SpaceCommand.Moderate(1, ModerationAction.KICK, agentLocal, "go"));
        }
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, agentLocal, ""));
        h.tick();
        assertThat(h.sink(1).errorCodes()).hasSize(21).containsOnly(ErrorCode.INVALID_INPUT);
        assertThat(h.sink(1).goodbye()).isEmpty();
        assertThat(actor.sink.goodbye()).isEmpty();
        assertThat(actor.sink.errorCodes()).isEmpty();
        assertThat(h.metrics().agents()).isEqualTo(1);
        h.offer(new SpaceCommand.Say(AGENT, ChatScope.SPACE, 0, line("Still here")));
        h.tick();
        assertThat(h.sink(1).all(SayLine.class)).hasSize(1);
    }

    @Test
    void shutdownSaysGoodbyeToAgentsToo() {
        SpaceHarness h = new SpaceHarness();
        Actor actor = addAgent(h, 0, 0);
        h.tick();
        h.offer(new SpaceCommand.Shutdown("maintenance"));
        h.tick();
        assertThat(actor.sink.goodbye()).hasValueSatisfying(g -> assertThat(g.code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
        assertThat(h.metrics().agents()).isZero();
        assertThat(h.metrics().entities()).isZero();
    }
}
