package org.pujiang.agent.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.Say;
import org.pujiang.space.PresenceEntry;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.entity.EntityState;

/** The brain driven directly: its sink calls made by hand, its commands collected from the outlet. */
class AgentBrainTest {
    static final long CLIENT = 100;
    static final int SELF_ENTITY = 1;
    static final long TICK = 50_000_000L;

    static AgentProfile profile() {
        return new AgentProfile("ag_guide", "Guide",
                Map.of("zh-CN", "您好，{name}！欢迎来到展厅。", "en", "Hello {name}! Welcome to the hall."),
                List.of("zh-CN", "en"),
                List.of(new TourStop("bronze", Map.of("en", "Bronze"), Map.of("zh-CN", "这是青铜器。", "en", "These are bronzes."),
                        0, -5, 0, true, null),
                        new TourStop("jade", Map.of("en", "Jade"), Map.of("zh-CN", "这是玉器。", "en", "This is jade."),
                                5, -5, 1.5f, false, "explain")),
                0, 0, 0);
    }

    /** The brain at the origin with a hand-driven clock and sink. */
    static final class Rig {
        final List<SpaceCommand> out = new ArrayList<>();
        final FakeAnswerer answerer = new FakeAnswerer();
        final List<List<String>> handoffs = new ArrayList<>();
        final AgentBrain brain;
        long now = 1_000_000_000L;

        Rig() {
            this(profile());
        }

        Rig(AgentProfile p) {
            brain = new AgentBrain(p, answerer, out::add, CLIENT, (u, n, q) -> handoffs.add(List.of(u, n, q)));
            brain.welcomeToSpace(1, 0);
            brain.enter(1, EntityKind.AGENT, p.displayName(), "agent:guide", state(SELF_ENTITY, EntityKind.AGENT, 0, 0));
            brain.presence(List.of(new PresenceEntry(SELF_ENTITY, "agent:guide", p.displayName(), false)));
        }

        static EntityState state(int entity, EntityKind kind, float x, float z) {
            return new EntityState(entity, kind, x, 0, z, 0, 0, 0, 0, 0, 0, 0, -1);
        }

        /** A visitor with local id {@code entity + 100} comes into view at (x, z). */
        void visitor(int entity, float x, float z) {
            brain.presenceChange(new PresenceEntry(entity, "user-" + entity, "name-" + entity, false), true);
            brain.enter(entity + 100, EntityKind.AVATAR, "name-" + entity, "user-" + entity,
                    state(entity, EntityKind.AVATAR, x, z));
        }

        void moveVisitor(int entity, float x, float z) {
            brain.update(entity + 100, 1, state(entity, EntityKind.AVATAR, x, z));
        }

        void leave(int entity) {
            brain.exit(entity + 100);
            brain.presenceChange(new PresenceEntry(entity, "user-" + entity, "name-" + entity, false), false);
        }

        void chat(int entity, ChatScope scope, String text) {
            brain.chat(entity + 100, entity, "name-" + entity, scope, text, 0);
        }

        void act() {
            now += TICK;
            brain.act(now);
        }

        void run(double seconds) {
            for (int i = 0; i < Math.round(seconds * 20); i++) {
                act();
            }
        }

        List<SpaceCommand.Say> says() {
            return out.stream().filter(SpaceCommand.Say.class::isInstance).map(SpaceCommand.Say.class::cast).toList();
        }

        List<SpaceCommand.Move> moves() {
            return out.stream().filter(SpaceCommand.Move.class::isInstance).map(SpaceCommand.Move.class::cast).toList();
        }

        SpaceCommand.Move lastMove() {
            return moves().getLast();
        }

        void clear() {
            out.clear();
        }
    }

    // ------------------------------------------------------------------ greeting

    @Test
    void greetsAVisitorWhoComesCloseAndNotAgainWithinTenMinutes() {
        Rig r = new Rig();
        r.visitor(10, 10, 0);
        r.act();
        assertThat(r.says()).isEmpty();
        r.moveVisitor(10, 3, 0);
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.clientId()).isEqualTo(CLIENT);
            assertThat(s.scope()).isEqualTo(ChatScope.DIRECT);
            assertThat(s.toEntityId()).isEqualTo(10);
            Say line = s.line();
            assertThat(line.text()).isEqualTo("您好，name-10！欢迎来到展厅。");
            assertThat(line.lang()).isEqualTo("zh-CN");
            assertThat(line.gesture()).isEqualTo("greet");
            assertThat(line.expression()).isEqualTo("smile");
            assertThat(line.words()).isNotEmpty();
            assertThat(line.handoff()).isFalse();
        });
        // away and back within ten minutes: no second greeting
        r.moveVisitor(10, 10, 0);
        r.run(60);
        r.moveVisitor(10, 2, 0);
        r.run(1);
        assertThat(r.says()).hasSize(1);
        // gone from view and back after ten minutes: greeted again
        r.leave(10);
        r.run(600);
        r.visitor(10, 1, 1);
        r.act();
        assertThat(r.says()).hasSize(2);
    }

    @Test
    void anotherAgentIsNotGreeted() {
        Rig r = new Rig();
        r.brain.enter(50, EntityKind.AGENT, "Other", "agent:other", Rig.state(50, EntityKind.AGENT, 1, 0));
        r.run(1);
        assertThat(r.says()).isEmpty();
    }

    // ------------------------------------------------------------------ answering

    @Test
    void aDirectQuestionIsAnsweredWhenTheAnswerArrivesFromAnotherThread() {
        Rig r = new Rig();
        r.visitor(10, 20, 0);
        r.chat(10, ChatScope.DIRECT, "When does the hall open?");
        r.act();
        assertThat(r.answerer.asks).singleElement().satisfies(a -> {
            assertThat(a.question()).isEqualTo("When does the hall open?");
            assertThat(a.lang()).isNull(); // the answerer detects it
        });
        r.run(1);
        assertThat(r.says()).isEmpty(); // nothing until the answer comes
        r.answerer.last().answerFromAnotherThread(new AgentReply("Nine to five, every day.", "en", "hours", 0.9, false,
                null, "https://example.org/hours", null));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.DIRECT);
            assertThat(s.toEntityId()).isEqualTo(10);
            Say line = s.line();
            assertThat(line.text()).isEqualTo("Nine to five, every day.");
            assertThat(line.lang()).isEqualTo("en");
            assertThat(line.entryId()).isEqualTo("hours");
            assertThat(line.link()).isEqualTo("https://example.org/hours");
            assertThat(line.gesture()).isEqualTo("explain");
            assertThat(line.expression()).isEqualTo("smile");
            assertThat(line.words()).hasSize(5);
            assertThat(line.handoff()).isFalse();
        });
        assertThat(r.handoffs).isEmpty();
    }

    @Test
    void aBilingualNameAnswersToEitherHalf() {
        AgentProfile p = profile();
        Rig r = new Rig(new AgentProfile(p.agentId(), "浦小政 Pu Xiaozheng", p.greeting(), p.languages(), p.tour(), 0, 0, 0));
        r.chat(11, ChatScope.SPACE, "@浦小政 推荐几只股票");
        r.chat(12, ChatScope.SPACE, "@Pu Xiaozheng where is the exit?");
        r.chat(13, ChatScope.SPACE, "浦小政 Pu Xiaozheng：几点开门");
        r.act();
        assertThat(r.answerer.asks).extracting(FakeAnswerer.Ask::question)
                .containsExactly("推荐几只股票", "where is the exit?", "几点开门");
        // addressed by half its name and unsure: handed off, not dropped
        r.answerer.asks.get(0).future().complete(AgentReply.unsure("zh-CN", 0.1));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> assertThat(s.line().handoff()).isTrue());
        assertThat(r.handoffs).hasSize(1);
    }

    @Test
    void aSpaceLineNamingTheAgentIsAQuestionWithoutTheName() {
        Rig r = new Rig();
        r.chat(11, ChatScope.SPACE, "@guide, where is the exit?");
        r.chat(12, ChatScope.SPACE, "导览员Guide：洗手间在哪里");
        r.chat(13, ChatScope.SPACE, "the Guidebook is great"); // not the name: overheard
        r.act();
        assertThat(r.answerer.asks).extracting(FakeAnswerer.Ask::question)
                .containsExactly("where is the exit?", "导览员洗手间在哪里", "the Guidebook is great");
        r.answerer.asks.get(0).future().complete(AgentReply.answer("Behind you.", "en", "exit", 0.8));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> assertThat(s.scope()).isEqualTo(ChatScope.SPACE));
        // named but unsure: handed off, in the space
        r.answerer.asks.get(1).future().complete(AgentReply.unsure("zh-CN", 0.1));
        r.act();
        assertThat(r.says()).hasSize(2).last().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.SPACE);
            assertThat(s.line().handoff()).isTrue();
        });
    }

    @Test
    void overheardChatIsAnsweredOnlyWhenConfident() {
        Rig r = new Rig();
        r.visitor(10, 15, 0); // nearby chat from 15 m: overheard
        r.chat(10, ChatScope.NEARBY, "is there a cafe here");
        r.chat(11, ChatScope.SPACE, "lol what");
        r.act();
        assertThat(r.answerer.asks).hasSize(2);
        r.answerer.asks.get(0).future().complete(AgentReply.answer("Yes, on the ground floor.", "en", "cafe", 0.7));
        r.answerer.asks.get(1).future().complete(AgentReply.unsure("en", 0.05));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.NEARBY);
            assertThat(s.line().entryId()).isEqualTo("cafe");
        });
        assertThat(r.out).noneMatch(SpaceCommand.NotifyHosts.class::isInstance);
        assertThat(r.handoffs).isEmpty();
        // overheard and failing: silence too
        r.run(3);
        r.chat(11, ChatScope.SPACE, "anyone?");
        r.act();
        r.answerer.last().future().completeExceptionally(new RuntimeException("pool down"));
        r.act();
        assertThat(r.says()).hasSize(1);
    }

    @Test
    void nearbyChatFromCloseByIsAddressedToTheAgent() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.act();
        r.clear(); // the greeting
        r.chat(10, ChatScope.NEARBY, "what is this building");
        r.act();
        r.answerer.last().future().complete(AgentReply.unsure("en", 0.1));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.NEARBY);
            assertThat(s.line().handoff()).isTrue();
        });
        assertThat(r.handoffs).hasSize(1);
    }

    @Test
    void oneQuestionInFlightPerVisitorAndOneEveryTwoSeconds() {
        Rig r = new Rig();
        r.chat(10, ChatScope.DIRECT, "first?");
        r.chat(10, ChatScope.DIRECT, "second?");
        r.chat(10, ChatScope.DIRECT, "third?");
        r.act();
        assertThat(r.answerer.asks).extracting(FakeAnswerer.Ask::question).containsExactly("first?");
        // one "one moment", however many were held back
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.toEntityId()).isEqualTo(10);
            assertThat(s.line().text()).startsWith("One moment");
            assertThat(s.line().lang()).isEqualTo("en");
        });
        r.answerer.last().future().complete(AgentReply.answer("One.", "en", "a", 1));
        r.act();
        r.chat(10, ChatScope.DIRECT, "again so soon?"); // 100 ms after the first: too soon
        r.act();
        assertThat(r.answerer.asks).hasSize(1);
        r.run(2);
        r.chat(10, ChatScope.DIRECT, "now?");
        r.chat(11, ChatScope.DIRECT, "and me?"); // another visitor is not held back by 10
        r.act();
        assertThat(r.answerer.asks).extracting(FakeAnswerer.Ask::question).containsExactly("first?", "now?", "and me?");
    }

    @Test
    void atMostSixteenQuestionsInFlight() {
        Rig r = new Rig();
        for (int v = 0; v < 20; v++) {
            r.chat(10 + v, ChatScope.DIRECT, "请问" + v);
        }
        r.act();
        assertThat(r.answerer.asks).hasSize(AgentBrain.MAX_IN_FLIGHT);
        assertThat(r.says()).hasSize(4).allSatisfy(s -> assertThat(s.line().text()).startsWith("请稍等"));
        r.answerer.asks.getFirst().future().complete(AgentReply.answer("好的", "zh-CN", "x", 1));
        r.act();
        r.run(2.5);
        r.chat(26, ChatScope.DIRECT, "请问还有吗");
        r.act();
        assertThat(r.answerer.asks).hasSize(AgentBrain.MAX_IN_FLIGHT + 1);
    }

    @Test
    void anUnsureAnswerTellsTheVisitorAndTheHosts() {
        Rig r = new Rig();
        r.visitor(10, 20, 0);
        r.chat(10, ChatScope.DIRECT, "Can I bring my dog?");
        r.act();
        r.answerer.last().answerFromAnotherThread(AgentReply.unsure("en", 0.2));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.DIRECT);
            assertThat(s.toEntityId()).isEqualTo(10);
            assertThat(s.line().handoff()).isTrue();
            assertThat(s.line().expression()).isEqualTo("concerned");
            assertThat(s.line().text()).contains("staff");
            assertThat(s.line().entryId()).isEmpty();
        });
        assertThat(r.out).filteredOn(SpaceCommand.NotifyHosts.class::isInstance).singleElement()
                .isEqualTo(new SpaceCommand.NotifyHosts(CLIENT, "name-10 asked: Can I bring my dog?"));
        assertThat(r.handoffs).containsExactly(List.of("user-10", "name-10", "Can I bring my dog?"));
    }

    @Test
    void aHandoffActionOnAConfidentEntrySaysTheEntrysWords() {
        Rig r = new Rig();
        r.chat(10, ChatScope.DIRECT, "我要投诉");
        r.act();
        r.answerer.last().future().complete(new AgentReply("好的，我请工作人员来帮您。", "zh-CN", "complaint", 0.9, false,
                "bow", null, AgentReply.HANDOFF));
        r.act();
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.line().text()).isEqualTo("好的，我请工作人员来帮您。");
            assertThat(s.line().gesture()).isEqualTo("bow");
            assertThat(s.line().entryId()).isEqualTo("complaint");
            assertThat(s.line().handoff()).isTrue();
        });
        assertThat(r.out).filteredOn(SpaceCommand.NotifyHosts.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((SpaceCommand.NotifyHosts) c).text()).isEqualTo("访客 name-10 问：我要投诉"));
    }

    @Test
    void aFailedAnswerIsAnApologyAndAHandoff() {
        Rig r = new Rig();
        r.chat(10, ChatScope.DIRECT, "where do I renew my passport?");
        r.act();
        r.answerer.last().answerFromAnotherThread(null);
        r.answerer.asks.clear();
        r.run(2);
        Answerer throwing = (q, l) -> {
            throw new IllegalStateException("overloaded");
        };
        Rig t = new Rig(profile());
        AgentBrain b = new AgentBrain(profile(), throwing, t.out::add, CLIENT);
        b.welcomeToSpace(1, 0);
        b.enter(1, EntityKind.AGENT, "Guide", "agent:guide", Rig.state(SELF_ENTITY, EntityKind.AGENT, 0, 0));
        b.chat(110, 10, "name-10", ChatScope.DIRECT, "hello?", 0);
        b.act(1);
        b.act(2);
        for (Rig rig : List.of(r, t)) {
            assertThat(rig.says()).singleElement().satisfies(s -> {
                assertThat(s.line().text()).startsWith("Sorry, something went wrong");
                assertThat(s.line().handoff()).isTrue();
            });
            assertThat(rig.out).filteredOn(SpaceCommand.NotifyHosts.class::isInstance).hasSize(1);
        }
        // the failed question no longer counts as in flight
        r.chat(10, ChatScope.DIRECT, "still there?");
        r.act();
        assertThat(r.answerer.asks).hasSize(1);
    }

    @Test
    void theNameAloneIsAnsweredWithTheGreeting() {
        Rig r = new Rig();
        r.chat(10, ChatScope.SPACE, "@Guide");
        r.act();
        assertThat(r.answerer.asks).isEmpty();
        assertThat(r.says()).singleElement().satisfies(s -> assertThat(s.line().text()).startsWith("Hello name-10"));
    }

    // ------------------------------------------------------------------ idle

    @Test
    void idleItTurnsToFaceTheNearestVisitorALittleAtATime() {
        Rig r = new Rig();
        r.visitor(10, 3, 0); // due east: yaw -π/2, i.e. 3π/2
        r.run(0.1);
        List<SpaceCommand.Move> first = r.moves();
        assertThat(first).isNotEmpty();
        assertThat(first.getFirst().anim()).isEqualTo(AgentBrain.ANIM_IDLE);
        assertThat(Math.abs(AgentBrain.angleBetween(0, first.getFirst().yaw()))).isLessThanOrEqualTo(0.21f);
        r.run(3);
        assertThat(r.lastMove().yaw()).isCloseTo((float) (1.5 * Math.PI), within(0.06f));
        assertThat(r.lastMove().x()).isZero();
        int sent = r.moves().size();
        r.run(2);
        assertThat(r.moves()).hasSize(sent); // facing: no more moves
        // the visitor leaves: back to the home yaw
        r.leave(10);
        r.run(3);
        assertThat(Math.abs(AgentBrain.angleBetween(r.lastMove().yaw(), 0))).isLessThan(0.06f);
        assertThat(r.moves()).extracting(SpaceCommand.Move::seq).isSorted().doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------------ the tour

    /** Asks for a tour as visitor 10 and lets the answer say so. */
    private static void askForTour(Rig r, String lang) {
        r.chat(10, ChatScope.DIRECT, "zh-CN".equals(lang) ? "可以带我参观吗" : "can you show me around");
        r.act();
        r.answerer.last().future().complete(new AgentReply("", lang, "tour", 0.9, false, null, null, AgentReply.TOUR));
        r.act();
    }

    @Test
    void aTourWalksToEachStopWaitsForTheGroupNarratesAndGoesHome() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.visitor(11, 0, 4); // within the group radius: joins the group
        r.visitor(12, 0, 30); // too far: not in the group
        r.act();
        r.clear();
        askForTour(r, "en");
        assertThat(r.says()).singleElement().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.NEARBY);
            assertThat(s.line().text()).contains("follow me");
        });
        // walking north (-z) to the first stop, 5 m at 1.2 m/s
        r.run(1);
        SpaceCommand.Move m = r.lastMove();
        assertThat(m.anim()).isEqualTo(AgentBrain.ANIM_WALK);
        assertThat(m.yaw()).isCloseTo(0f, within(1e-4f)); // facing -z
        assertThat(m.vz()).isCloseTo(-AgentProfile.WALK_SPEED, within(1e-4f));
        assertThat(m.z()).isCloseTo(-1.2f, within(0.13f));
        r.run(4);
        m = r.lastMove();
        assertThat(m.x()).isZero();
        assertThat(m.z()).isEqualTo(-5);
        assertThat(m.anim()).isEqualTo(AgentBrain.ANIM_IDLE);
        // the first stop waits for the group: 10 and 11 are still at the start, 5 m and more away
        r.moveVisitor(10, 0, 0);
        r.moveVisitor(11, 0, 3);
        r.run(5);
        assertThat(r.says()).hasSize(1);
        r.moveVisitor(10, 0, -3);
        r.run(1);
        assertThat(r.says()).hasSize(1); // 11 is 8 m away still
        r.moveVisitor(11, 1, -2);
        r.act();
        assertThat(r.says()).hasSize(2).last().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(ChatScope.NEARBY);
            assertThat(s.line().text()).isEqualTo("These are bronzes.");
            assertThat(s.line().gesture()).isEqualTo("point");
            assertThat(s.line().lang()).isEqualTo("en");
        });
        // it stays while it speaks (the last word's start + 1.5 s), then walks on
        int narrationMs = r.says().getLast().line().words().getLast().atMs();
        int moves = r.moves().size();
        r.run((narrationMs + 1400) / 1000.0);
        assertThat(r.moves()).hasSize(moves);
        r.run(0.3);
        assertThat(r.lastMove().anim()).isEqualTo(AgentBrain.ANIM_WALK);
        assertThat(r.lastMove().vx()).isCloseTo(AgentProfile.WALK_SPEED, within(1e-4f)); // east, to the jade
        // the second stop does not wait: it narrates on arrival, with its own gesture
        r.run(5);
        assertThat(r.says()).hasSize(3).last().satisfies(s -> {
            assertThat(s.line().text()).isEqualTo("This is jade.");
            assertThat(s.line().gesture()).isEqualTo("explain");
        });
        assertThat(r.lastMove().yaw()).isEqualTo(1.5f);
        // then the farewell and home (the group wanders off, so that nobody is there to be faced)
        r.moveVisitor(10, 20, 20);
        r.moveVisitor(11, 20, 20);
        r.run(15);
        assertThat(r.says()).hasSize(4).last()
                .satisfies(s -> assertThat(s.line().text()).startsWith("That is the end of our tour"));
        SpaceCommand.Move home = r.lastMove();
        assertThat(home.x()).isZero();
        assertThat(home.z()).isZero();
        assertThat(home.yaw()).isZero();
        assertThat(home.anim()).isEqualTo(AgentBrain.ANIM_IDLE);
        assertThat(r.moves()).extracting(SpaceCommand.Move::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aStopThatWaitsForTheGroupGivesUpAfterFortyFiveSeconds() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.act();
        askForTour(r, "zh-CN");
        r.moveVisitor(10, 0, 20); // wanders off and stays away
        r.run(5);
        int said = r.says().size();
        r.run(44);
        assertThat(r.says()).hasSize(said);
        r.run(1.1);
        assertThat(r.says()).hasSize(said + 1).last()
                .satisfies(s -> assertThat(s.line().text()).isEqualTo("这是青铜器。"));
    }

    @Test
    void membersWhoLeftTheSpaceAreNotWaitedFor() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.visitor(11, 0, 3);
        r.act();
        askForTour(r, "en");
        r.run(5);
        r.moveVisitor(10, 0, -4);
        r.leave(11);
        r.act();
        assertThat(r.says()).last().satisfies(s -> assertThat(s.line().text()).isEqualTo("These are bronzes."));
    }

    @Test
    void questionsAreAnsweredDuringATourAndStopTourEndsIt() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.act();
        askForTour(r, "en");
        r.run(2);
        r.run(1);
        r.chat(10, ChatScope.DIRECT, "how old are these?");
        r.act();
        r.answerer.last().future().complete(AgentReply.answer("About three thousand years.", "en", "age", 0.9));
        r.act();
        assertThat(r.says()).last().satisfies(s -> assertThat(s.line().entryId()).isEqualTo("age"));
        assertThat(r.lastMove().anim()).isEqualTo(AgentBrain.ANIM_WALK); // still walking
        r.run(2);
        int asked = r.answerer.asks.size();
        r.chat(10, ChatScope.NEARBY, "please stop the tour");
        r.act();
        assertThat(r.answerer.asks).hasSize(asked); // understood without asking
        assertThat(r.says()).last().satisfies(s -> assertThat(s.line().text()).startsWith("All right, the tour is over"));
        r.run(10);
        assertThat(r.lastMove().z()).isZero();
        assertThat(r.says()).last().satisfies(s -> assertThat(s.line().text()).startsWith("All right"));
        // and a new tour may start, this time by the answer's action
        askForTour(r, "en");
        r.run(1);
        assertThat(r.lastMove().anim()).isEqualTo(AgentBrain.ANIM_WALK);
        r.chat(10, ChatScope.DIRECT, "enough");
        r.run(2.5);
        r.chat(10, ChatScope.DIRECT, "enough");
        r.act();
        r.answerer.last().future().complete(new AgentReply("", "en", null, 0.9, false, null, null, AgentReply.TOUR_STOP));
        r.act();
        assertThat(r.says()).last().satisfies(s -> assertThat(s.line().text()).startsWith("All right, the tour is over"));
    }

    @Test
    void anOverheardTourAnswerIsSaidButStartsNoTour() {
        Rig r = new Rig();
        r.chat(11, ChatScope.SPACE, "is there a tour today?");
        r.act();
        r.answerer.last().future().complete(new AgentReply("Tours start at the guide, on request.", "en", "tour", 0.9,
                false, null, null, AgentReply.TOUR));
        r.run(2);
        assertThat(r.says()).singleElement()
                .satisfies(s -> assertThat(s.line().text()).isEqualTo("Tours start at the guide, on request."));
        assertThat(r.moves()).isEmpty();
    }

    @Test
    void startTourFromAnyThreadWithNoTourIsIgnored() throws Exception {
        Rig r = new Rig(new AgentProfile("ag_x", "Clerk", Map.of(), List.of("en"), List.of(), 0, 0, 0));
        Thread t = Thread.ofPlatform().start(r.brain::startTour);
        t.join();
        r.run(1);
        assertThat(r.out).isEmpty();
        Rig g = new Rig();
        CompletableFuture.runAsync(g.brain::startTour).join();
        g.act();
        assertThat(g.says()).singleElement().satisfies(s -> assertThat(s.line().text()).isEqualTo("好的，请跟我来，我们开始参观。"));
        g.run(1);
        assertThat(g.lastMove().anim()).isEqualTo(AgentBrain.ANIM_WALK);
    }

    @Test
    void itStopsActingAfterGoodbye() {
        Rig r = new Rig();
        r.visitor(10, 2, 0);
        r.brain.goodbye(org.pujiang.protocol.message.ErrorCode.SHUTTING_DOWN, "bye");
        r.chat(10, ChatScope.DIRECT, "hello?");
        r.run(1);
        assertThat(r.out).isEmpty();
    }
}
