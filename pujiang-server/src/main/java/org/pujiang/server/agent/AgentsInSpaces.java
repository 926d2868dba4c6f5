package org.pujiang.server.agent;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.pujiang.agent.behaviour.AgentBrain;
import org.pujiang.agent.behaviour.AgentProfile;
import org.pujiang.agent.behaviour.AgentReply;
import org.pujiang.agent.behaviour.Answerer;
import org.pujiang.agent.behaviour.HandoffListener;
import org.pujiang.agent.behaviour.TourStop;
import org.pujiang.agent.kb.KbTourStop;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.realtime.LiveSpace;
import org.pujiang.server.realtime.LiveSpaces;
import org.pujiang.server.space.Scenes;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.SpaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each space's agents into its live space and keeps them there: when a space starts on this node its agents
 * join it, and an agent created, changed, moved, given a new knowledge base or deleted is taken out and put back as it
 * now is — unless it would look and act the same (a new knowledge base with the same welcome lines and tour: it
 * answers from the current knowledge base anyway, so visitors need not see it leave and come back). Each agent is an {@link AgentBrain} that the space ticks; its questions go to {@link AgentService#ask} (off
 * the tick thread) and its handoffs to {@link AgentService#recordHandoff}.
 *
 * <p>Where an agent stands: {@code persona.position {x, z, yaw}} when set, else a few metres in front of the scene's
 * entrance. What it says on greeting: {@code persona.greeting}, else its knowledge base's welcome lines.
 *
 * <p>Thread-safe: live-space starts and agent changes arrive on any thread; the database work runs on {@code blocking},
 * one task at a time per agent and in the order the changes came, so that a knowledge base imported just before the
 * agent is deleted cannot put it back after the deletion took it out.
 */
public final class AgentsInSpaces {
    private static final Logger log = LoggerFactory.getLogger(AgentsInSpaces.class);
    /** Agents' client ids are far above the gateway's, which count up from 1. */
    private static final long FIRST_CLIENT_ID = 1L << 52;
    /** Metres in front of the entrance where an agent without a position stands. */
    private static final float IN_FRONT = 4f;

    private record Running(SpaceId space, long clientId, AgentProfile profile) {}

    /** A live space with its scene's entrance. */
    private record Opened(LiveSpace space, Scenes.Spawn spawn) {}

    private final AgentService agents;
    private final LiveSpaces live;
    private final Scenes scenes;
    private final Executor blocking;
    private final AtomicLong clientIds = new AtomicLong(FIRST_CLIENT_ID);
    private final Map<AgentId, Running> running = new ConcurrentHashMap<>();
    private final Map<SpaceId, Opened> opened = new ConcurrentHashMap<>();
    /** Per agent, the last of its tasks: the next one runs after it (blocking runs tasks in any order). */
    private final Map<AgentId, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();

    public AgentsInSpaces(AgentService agents, LiveSpaces live, Scenes scenes, Executor blocking) {
        this.agents = agents;
        this.live = live;
        this.scenes = scenes;
        this.blocking = blocking;
        agents.onChange(this::changed);
        live.onOpen(this::opened);
    }

    /** A space started here: its agents join. */
    private void opened(LiveSpace space, org.pujiang.server.space.Space stored) {
        Opened o = new Opened(space, scenes.spawn(stored.template()));
        opened.put(space.id(), o);
        blocking.execute(() -> {
            try {
                for (Agent a : agents.listAgentsOfSpace(space.id())) {
                    inTurn(a.id(), () -> start(o, a.id()));
                }
            } catch (RuntimeException e) {
                log.warn("the agents of space {} could not join it: {}", space.id(), e.toString());
            }
        });
    }

    private void changed(AgentChange change) {
        Agent a = change.agent();
        inTurn(a.id(), () -> {
            Opened o = change instanceof AgentChange.Deleted ? null : opened.get(a.space());
            if (o == null) {
                stop(a); // deleted, or moved to a space that is not running here
            } else {
                start(o, a.id()); // replaces the running one only if it now looks or acts differently
            }
        });
    }

    /** Runs {@code task} on {@code blocking} after the agent's tasks before it. */
    private void inTurn(AgentId id, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("agent {} could not be put in or taken out of its space: {}", id, e.toString());
            }
        };
        // after the last task however it ended (a refused hand-over at shutdown), so that one failure does not skip
        // the tasks queued behind it
        CompletableFuture<Void> next = queues.compute(id, (k, last) -> (last == null
                ? CompletableFuture.<Void>completedFuture(null) : last.handle((v, e) -> (Void) null))
                .thenRunAsync(guarded, blocking));
        // outside compute: a task already done completes this at once, and the map must not be changed from within
        next.whenComplete((v, e) -> queues.remove(id, next));
    }

    private void stop(Agent a) {
        Running r = running.remove(a.id());
        if (r != null) {
            live.offer(r.space(), new SpaceCommand.Leave(r.clientId()));
        }
    }

    /** Puts the agent, as it is stored now, into the space; not when it was deleted or moved elsewhere meanwhile. */
    private void start(Opened o, AgentId agentId) {
        LiveSpace space = o.space();
        Agent a = agents.listAgentsOfSpace(space.id()).stream().filter(x -> x.id().equals(agentId)).findFirst()
                .orElse(null);
        if (a == null) {
            return;
        }
        KnowledgeBase kb;
        try {
            kb = agents.knowledgeBase(a.id()).join();
        } catch (RuntimeException e) {
            if (AgentService.cause(e) instanceof ApiException api && api.error() == ErrorCode.AGENT_NOT_FOUND) {
                return; // deleted since it was read
            }
            log.warn("agent {} has no usable knowledge base; it joins without one: {}", a.id(), e.toString());
            kb = new KnowledgeBase(List.of(), List.of(), Map.of(), List.of());
        }
        AgentProfile profile = profile(o.spawn(), a, kb);
        Running current = running.get(a.id());
        if (current != null && current.space().equals(space.id()) && current.profile().equals(profile)) {
            // e.g. a new knowledge base with the same welcome lines and tour: the running agent already answers
            // from it (it asks by agent id), so visitors do not see it leave and come back
            return;
        }
        long clientId = clientIds.getAndIncrement();
        AgentId id = a.id();
        HandoffListener handoffs = (userId, name, question) -> agents.recordHandoff(id, userId, name, question)
                .exceptionally(e -> {
                    log.warn("a handoff of agent {} was not stored: {}", id, e.toString());
                    return null;
                });
        AgentBrain brain = new AgentBrain(profile, answerer(id), command -> space.engine().offer(command), clientId,
                handoffs);
        Running mine = new Running(space.id(), clientId, profile);
        Running previous = running.put(id, mine);
        if (previous != null) {
            live.offer(previous.space(), new SpaceCommand.Leave(previous.clientId()));
        }
        space.roles().put(a.userId(), "agent");
        if (!space.engine().offer(brain.addCommand(a.userId(), o.spawn().y()))) {
            running.remove(id, mine);
            log.warn("space {} refused agent {} (inbox full)", space.id(), id);
        }
    }

    /** The brain's questions, answered by the service; a refused question gets a polite line, not a handoff. */
    private Answerer answerer(AgentId id) {
        return (question, lang) -> agents.ask(id, question, lang)
                .thenApply(r -> new AgentReply(r.answer(), r.lang(), r.entryId(), r.confidence(), r.handoff(),
                        r.gesture(), r.link(), r.action()))
                .exceptionallyCompose(e -> {
                    RuntimeException cause = AgentService.cause(e);
                    if (cause instanceof ApiException api && api.error() != ErrorCode.AGENT_OVERLOADED
                            && api.error() != ErrorCode.AGENT_NOT_FOUND) {
                        String l = lang != null ? lang : org.pujiang.agent.behaviour.Language.detect(question);
                        return CompletableFuture.completedFuture(new AgentReply(refusal(l, api.error()), l, null, 0,
                                false, "shrug", null, null));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private static String refusal(String lang, ErrorCode code) {
        boolean zh = lang.startsWith("zh");
        if (code == ErrorCode.AGENT_QUESTION_TOO_LONG) {
            return zh ? "您的问题有点长，能简短地再问一次吗？" : "That question is a bit long; could you ask it more briefly?";
        }
        return zh ? "抱歉，我只能回答与这里的服务有关的问题。" : "Sorry, I can only help with questions about the services here.";
    }

    static AgentProfile profile(Scenes.Spawn spawn, Agent a, KnowledgeBase kb) {
        JsonObject persona = a.personaJson();
        float x;
        float z;
        float yaw;
        JsonObject at = persona.getJsonObject("position");
        if (at != null && at.getValue("x") instanceof Number px && at.getValue("z") instanceof Number pz) {
            x = px.floatValue();
            z = pz.floatValue();
            yaw = at.getValue("yaw") instanceof Number py ? py.floatValue() : spawn.yaw() + (float) Math.PI;
        } else {
            // yaw 0 faces -Z and positive yaw turns towards -X (docs/scene.md); the agent faces the entrance
            x = (float) (spawn.x() - Math.sin(spawn.yaw()) * IN_FRONT);
            z = (float) (spawn.z() - Math.cos(spawn.yaw()) * IN_FRONT);
            yaw = spawn.yaw() + (float) Math.PI;
        }
        Map<String, String> greeting = new java.util.HashMap<>(kb.welcome());
        JsonObject g = persona.getJsonObject("greeting");
        if (g != null) {
            g.forEach(e -> {
                if (e.getValue() instanceof String s && !s.isBlank()) {
                    greeting.put(e.getKey(), s);
                }
            });
        }
        List<TourStop> tour = new ArrayList<>();
        for (KbTourStop t : kb.tour()) {
            tour.add(new TourStop(t.id(), t.name(), t.narration(), t.x(), t.z(), t.yaw(), t.waitForGroup(),
                    t.gesture()));
        }
        return new AgentProfile(a.id().value(), a.name(), greeting, a.languages(), tour, x, z, yaw);
    }
}
