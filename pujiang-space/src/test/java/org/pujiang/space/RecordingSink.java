package org.pujiang.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.entity.EntityState;
import org.pujiang.space.entity.EntityView;

/**
 * A {@link ClientSink} for tests: it logs every call as an {@link Event} record and keeps the model a
 * client would build (local id → last known state), so tests can ask what the client believes.
 */
class RecordingSink implements ClientSink {
    sealed interface Event {}

    record Welcome(int selfLocalId, long resumeKey) implements Event {}

    record Enter(int localId, EntityKind kind, String name, String userId, EntityState state) implements Event {}

    record Exit(int localId) implements Event {}

    record Begin(long tick, long serverTimeMs) implements Event {}

    record Update(int localId, int mask, EntityState state) implements Event {}

    record End() implements Event {}

    record ChatLine(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text, long serverTimeMs)
            implements Event {}

    record SayLine(int fromLocalId, int fromEntityId, org.pujiang.protocol.message.Say line, long serverTimeMs)
            implements Event {}

    record EmoteEvent(int localId, int emote) implements Event {}

    record HolderEvent(int objectLocalId, int holderLocalId) implements Event {}

    record PresenceList(List<PresenceEntry> everyone) implements Event {}

    record PresenceChange(PresenceEntry who, boolean joined) implements Event {}

    record Voice(int fromLocalId, VoiceKind kind, String payload) implements Event {}

    record Error(ErrorCode code, String message) implements Event {}

    record Twin(String twin, String json) implements Event {}

    record Goodbye(ErrorCode code, String reason) implements Event {}

    final List<Event> events = new ArrayList<>();
    /** What this client believes: local id → state, for entities in view (and itself). */
    final Map<Integer, EntityState> known = new HashMap<>();
    int selfLocalId;
    long resumeKey;
    int backlog;
    boolean inState;
    boolean saidGoodbye;

    @Override
    public void welcomeToSpace(int selfLocalId, long resumeKey) {
        check();
        this.selfLocalId = selfLocalId;
        this.resumeKey = resumeKey;
        events.add(new Welcome(selfLocalId, resumeKey));
    }

    @Override
    public void enter(int localId, EntityKind kind, String name, String userId, EntityView state) {
        check();
        if (known.containsKey(localId)) {
            throw new AssertionError("enter of local id " + localId + " that is already in view");
        }
        EntityState s = state.snapshot();
        known.put(localId, s);
        events.add(new Enter(localId, kind, name, userId, s));
    }

    @Override
    public void exit(int localId) {
        check();
        if (known.remove(localId) == null) {
            throw new AssertionError("exit of local id " + localId + " that is not in view");
        }
        events.add(new Exit(localId));
    }

    @Override
    public void beginState(long tick, long serverTimeMs) {
        check();
        inState = true;
        events.add(new Begin(tick, serverTimeMs));
    }

    @Override
    public void update(int localId, int mask, EntityView state) {
        check();
        if (!inState) {
            throw new AssertionError("update outside beginState/endState");
        }
        if (!known.containsKey(localId)) {
            throw new AssertionError("update of local id " + localId + " that is not in view");
        }
        EntityState s = state.snapshot();
        known.put(localId, s);
        events.add(new Update(localId, mask, s));
    }

    @Override
    public void endState() {
        check();
        inState = false;
        events.add(new End());
    }

    @Override
    public void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text,
            long serverTimeMs) {
        check();
        events.add(new ChatLine(fromLocalId, fromEntityId, fromName, scope, text, serverTimeMs));
    }

    @Override
    public void say(int fromLocalId, int fromEntityId, org.pujiang.protocol.message.Say line, long serverTimeMs) {
        check();
        events.add(new SayLine(fromLocalId, fromEntityId, line, serverTimeMs));
    }

    @Override
    public void emote(int localId, int emote) {
        check();
        events.add(new EmoteEvent(localId, emote));
    }

    @Override
    public void holder(int objectLocalId, int holderLocalId) {
        check();
        events.add(new HolderEvent(objectLocalId, holderLocalId));
    }

    @Override
    public void presence(List<PresenceEntry> everyone) {
        check();
        events.add(new PresenceList(List.copyOf(everyone)));
    }

    @Override
    public void presenceChange(PresenceEntry who, boolean joined) {
        check();
        events.add(new PresenceChange(who, joined));
    }

    @Override
    public void voice(int fromLocalId, VoiceKind kind, String payload) {
        check();
        events.add(new Voice(fromLocalId, kind, payload));
    }

    @Override
    public void error(ErrorCode code, String message) {
        check();
        events.add(new Error(code, message));
    }

    @Override
    public void twinUpdate(String twin, String json, long serverTimeMs) {
        check();
        events.add(new Twin(twin, json));
    }

    @Override
    public void goodbye(ErrorCode code, String reason) {
        check();
        saidGoodbye = true;
        events.add(new Goodbye(code, reason));
    }

    @Override
    public int backlog() {
        return backlog;
    }

    private void check() {
        if (saidGoodbye) {
            throw new AssertionError("a call after goodbye");
        }
    }

    // ---- queries

    <T extends Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ErrorCode> errorCodes() {
        return all(Error.class).stream().map(Error::code).toList();
    }

    Optional<Goodbye> goodbye() {
        return all(Goodbye.class).stream().findFirst();
    }

    /** This client's local id for the entity with this space-wide id, if it sees it. */
    Optional<Integer> localOf(int entityId) {
        return known.entrySet().stream().filter(e -> e.getValue().entityId() == entityId && e.getKey() != selfLocalId)
                .map(Map.Entry::getKey).findFirst();
    }

    /** What this client believes about the entity with this space-wide id. */
    Optional<EntityState> stateOf(int entityId) {
        return localOf(entityId).map(known::get);
    }

    boolean sees(int entityId) {
        return localOf(entityId).isPresent();
    }

    /** Space-wide ids of the entities in view, itself excluded. */
    List<Integer> visibleEntityIds() {
        return known.entrySet().stream().filter(e -> e.getKey() != selfLocalId).map(e -> e.getValue().entityId())
                .sorted().toList();
    }

    /** The client's own avatar's space-wide id (known after its self enter). */
    int selfEntityId() {
        EntityState s = known.get(selfLocalId);
        if (s == null) {
            throw new AssertionError("no self enter yet");
        }
        return s.entityId();
    }

    /** Updates received for one local id. */
    List<Update> updatesFor(int localId) {
        return all(Update.class).stream().filter(u -> u.localId() == localId).toList();
    }

    void clear() {
        events.clear();
    }
}
