package org.pujiang.space;

import java.util.List;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.entity.EntityView;

/**
 * Where the engine sends what one client should be told. The server implements it, typically by
 * encoding frames into the client's outbound buffer; the engine knows nothing of frames or sockets.
 *
 * <p>Threading: every method is called on the space's tick thread, one client's calls in order. An
 * implementation must not block and must not call back into the space (offer commands instead).
 *
 * <p>Ids: every {@code localId} is in this client's own numbering (1, 2, …), assigned by an
 * {@link #enter} and freed by an {@link #exit}. A freed id is not reused for a few ticks.
 *
 * <p>Order within one tick, for one client: replies and events caused by commands (welcome, presence,
 * chat, say, emote, holder, voice, errors) in the order the commands were drained; then the client's own
 * avatar's {@code enter} once after the welcome; then exits, then enters (nearest first); then, when
 * at least one update is due, {@code beginState}, updates, {@code endState}. A {@link #goodbye} is the
 * last call the sink gets.
 *
 * <p>An {@link EntityView} argument is a cursor that is only valid during the call.
 */
public interface ClientSink {
    /** The client is in: its own avatar's local id, and the key to resume that avatar after a dropped connection. */
    void welcomeToSpace(int selfLocalId, long resumeKey);

    /** An entity came into view (or, once after the welcome, the client's own avatar), with its full state. */
    void enter(int localId, EntityKind kind, String name, String userId, EntityView state);

    /** An entity left the view or the space. */
    void exit(int localId);

    /** Opens this tick's state updates. */
    void beginState(long tick, long serverTimeMs);

    /**
     * What changed about an entity since it was last sent to this client: {@code mask} is a
     * {@link org.pujiang.space.entity.ChangeMask} union, possibly over several ticks. For the client's
     * own avatar, an update means the engine corrected its position (speed, bounds or a teleport).
     */
    void update(int localId, int mask, EntityView state);

    void endState();

    /**
     * A chat line. {@code fromLocalId} is 0 when the sender is not in this client's view (a SPACE
     * message from far away); {@code fromEntityId} is the sender's space-wide id, as in the presence list.
     */
    void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text, long serverTimeMs);

    /**
     * A line spoken by an agent, with its cues. {@code fromLocalId} is 0 when the agent is not in this
     * client's view; {@code fromEntityId} is its space-wide id. {@code line} already carries this
     * client's {@code fromLocalId}, the agent's name, the scope and {@code serverTimeMs}.
     */
    void say(int fromLocalId, int fromEntityId, org.pujiang.protocol.message.Say line, long serverTimeMs);

    void emote(int localId, int emote);

    /**
     * Who holds an object in view: {@code holderLocalId} is 0 when nobody does, and
     * {@link #UNSEEN_HOLDER} when an avatar this client does not see holds it.
     */
    void holder(int objectLocalId, int holderLocalId);

    /** The full presence list, once per join (including the client itself). */
    void presence(List<PresenceEntry> everyone);

    /** Someone joined ({@code joined}) or left the space. */
    void presenceChange(PresenceEntry who, boolean joined);

    /** A WebRTC signalling message from an avatar this client sees. */
    void voice(int fromLocalId, VoiceKind kind, String payload);

    void error(ErrorCode code, String message);

    /** A twin bound in this space changed; {@code json} is the changed part of its state. */
    void twinUpdate(String twin, String json, long serverTimeMs);

    /** The engine has forgotten the client; the server should close the connection after sending this. */
    void goodbye(ErrorCode code, String reason);

    /**
     * How far behind the transport is for this client, in queued state frames (ticks not yet
     * written to the socket). Read once per tick: at {@code SpaceConfig.Backpressure.coalesceAt} or
     * more the engine sends only the nearest tier; at {@code dropAt} or more for
     * {@code dropAfter} it says goodbye {@link ErrorCode#TOO_SLOW}.
     */
    int backlog();

    /** {@link #holder}'s id for an avatar this client does not see. */
    int UNSEEN_HOLDER = -1;
}
