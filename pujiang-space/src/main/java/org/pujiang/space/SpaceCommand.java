package org.pujiang.space;

import java.util.Objects;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.protocol.message.VoiceKind;

/**
 * An input to a space, offered to its inbox from any thread ({@link Space#offer}) and applied at the
 * start of the next tick, in the order offered (per producer thread).
 *
 * <p>Entity references that come from a client ({@code toEntity}, {@code objectEntity},
 * {@code targetEntity}) are that client's own local ids, exactly as the client received them in
 * {@link ClientSink#enter}. Values are checked by the engine, not by these constructors: a non-finite
 * number or an out-of-range code is answered with {@link ErrorCode#INVALID_INPUT}, so a server can
 * pass decoded input straight through. Only a null reference throws (a bug in the caller).
 */
public sealed interface SpaceCommand {

    /** A command on behalf of one connected client. */
    sealed interface FromClient extends SpaceCommand {
        long clientId();
    }

    /**
     * Enter the space. {@code host} is the server's verdict on whether this user may moderate here
     * (owner, operator, admin). {@code resumeKey} is 0 for a new avatar, or the key from an earlier
     * welcome to take that avatar back. The sink receives everything for this client from now on.
     */
    record Join(long clientId, String userId, String displayName, boolean host, long resumeKey, ClientSink sink)
            implements FromClient {
        public Join {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(sink, "sink");
        }
    }

    /**
     * The server adds a digital human: an entity of {@link org.pujiang.protocol.message.EntityKind#AGENT}
     * standing at exactly that place (clamped to the bounds), not counted against the capacity. Like a
     * client it has a view, and {@code sink} perceives it (welcome with resume key 0, enters, updates,
     * exits, chat, says, the people's presence); {@code actor} is called once per tick. It moves with
     * {@link Move}, speaks with {@link Say}, and goes with {@link Leave} (a {@link Disconnect} removes it
     * too: an agent is never resumable). It is not in the presence list, which lists people; clients see
     * it as an entity when it is in view, with an empty user id ({@code userId} stays on the server).
     * Hosts cannot mute or kick it.
     */
    record AddAgent(long clientId, String userId, String displayName, float x, float y, float z, float yaw,
            ClientSink sink, AgentActor actor) implements FromClient {
        public AddAgent {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * An agent says {@code line}: delivered like chat ({@link ChatScope#SPACE} to every client,
     * {@link ChatScope#NEARBY} within the interest radius, {@link ChatScope#DIRECT} to the client whose
     * avatar has the space-wide entity id {@code toEntityId}), but never back to the agent itself. The
     * engine fills in the line's {@code fromEntity}, {@code fromName}, {@code scope} and
     * {@code serverTimeMs} for each receiver. Only an agent may say; a person's client is refused.
     */
    record Say(long clientId, ChatScope scope, int toEntityId, org.pujiang.protocol.message.Say line)
            implements FromClient {
        public Say {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * An agent asks the space's hosts for help: every connected client whose avatar is a host gets
     * {@code text} as a {@link ChatScope#DIRECT} chat line from the agent (cut to the chat length limit).
     */
    record NotifyHosts(long clientId, String text) implements FromClient {
        public NotifyHosts {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The client leaves on purpose: its avatar goes at once. */
    record Leave(long clientId) implements FromClient {}

    /** The connection dropped: the avatar stays, resumable, for the resume window. */
    record Disconnect(long clientId) implements FromClient {}

    /** Where the client's avatar is and how it moves: metres, radians, metres per second. */
    record Move(long clientId, int seq, float x, float y, float z, float yaw, float pitch, float vx, float vy, float vz,
            int anim, long clientTimeMs) implements FromClient {}

    /** Say something; {@code toEntity} is the receiver's local id for {@link ChatScope#DIRECT}, else ignored. */
    record Chat(long clientId, ChatScope scope, int toEntity, String text) implements FromClient {
        public Chat {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Play a gesture, 0–255. */
    record Emote(long clientId, int emote) implements FromClient {}

    /** Take hold of a shared object. */
    record Grab(long clientId, int objectEntity) implements FromClient {}

    /** Move an object the client holds. */
    record MoveObject(long clientId, int objectEntity, float x, float y, float z, float yaw) implements FromClient {}

    /** Let go of an object the client holds. */
    record Release(long clientId, int objectEntity) implements FromClient {}

    /** A WebRTC signalling message for another avatar in view. */
    record VoiceSignal(long clientId, int toEntity, VoiceKind kind, String payload) implements FromClient {
        public VoiceSignal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A host mutes, unmutes or kicks an avatar in its view. */
    record Moderate(long clientId, ModerationAction action, int targetEntity, String reason) implements FromClient {
        public Moderate {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The server moves a client's avatar (a portal, a "go to" from the UI), bypassing the speed limit. */
    record Teleport(long clientId, float x, float y, float z) implements FromClient {}

    /**
     * The server adds a shared object (at start-up from its saved list, or later). {@code objectId} is
     * the server's durable id for it; adding an id that exists is ignored.
     */
    record AddObject(long objectId, String name, float x, float y, float z, float yaw) implements SpaceCommand {
        public AddObject {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Where avatars that join from now on appear, facing {@code yaw}: the scene's entrance. Each
     * appears at a random point within {@code radius} metres of it (so that people who arrive
     * together do not stand inside each other), clamped to the bounds. Until it is set they appear at
     * the centre of the bounds' floor.
     */
    record SetSpawn(float x, float y, float z, float yaw, float radius) implements SpaceCommand {}

    /**
     * A twin bound to something in this space changed: every client in the space gets {@code json} (the changed
     * part of the twin's state, a JSON object) in the order the updates were offered.
     */
    record TwinUpdate(String twin, String json) implements SpaceCommand {
        public TwinUpdate {
            Objects.requireNonNull(twin, "twin");
            Objects.requireNonNull(json, "json");
        }
    }

    /** The server removes a shared object; viewers get an exit. */
    record RemoveObject(long objectId) implements SpaceCommand {}

    /** Every client gets goodbye {@link ErrorCode#SHUTTING_DOWN} and every avatar goes. */
    record Shutdown(String reason) implements SpaceCommand {
        public Shutdown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
