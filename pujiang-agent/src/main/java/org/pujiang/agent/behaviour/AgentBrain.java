package org.pujiang.agent.behaviour;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.AgentActor;
import org.pujiang.space.ClientSink;
import org.pujiang.space.PresenceEntry;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.entity.EntityView;

/**
 * One digital human's behaviour in a space. It perceives the space through its {@link ClientSink} side
 * (who is in view and where, presence, chat) and acts through commands it offers to {@code outlet}
 * (normally the space's {@code offer}): {@link SpaceCommand.Move}, {@link SpaceCommand.Say},
 * {@link SpaceCommand.NotifyHosts}. Behaviours, each run from {@link #act}:
 * <ul>
 *   <li>greet: a visitor who comes within {@link AgentProfile#GREET_RADIUS} and was not greeted in the last
 *       {@link AgentProfile#REGREET_AFTER} gets the profile's greeting, directly;
 *   <li>answer: chat to the agent (direct, or naming it) and nearby chat within the greet radius are
 *       questions: it answers them, or when the answerer is unsure tells the asker that staff were told
 *       and notifies the hosts. Other chat (space-wide, or nearby from further off) is answered only when
 *       the answer is confident, and otherwise ignored. Each visitor has at most one question in flight and
 *       one per {@link #QUESTION_INTERVAL}; at most {@link #MAX_IN_FLIGHT} are in flight in all;
 *   <li>tour: on a reply with action {@link AgentReply#TOUR} (or {@link #startTour}) it walks its stops
 *       with the visitors around, waits for the group where a stop asks, narrates, and walks home; it
 *       keeps answering questions meanwhile, and a reply {@link AgentReply#TOUR_STOP} (or "stop tour")
 *       ends it;
 *   <li>idle: it turns to face the nearest visitor within the greet radius.
 * </ul>
 *
 * <p>Threading. The {@link ClientSink} methods and {@link #act} are called by the space on its tick thread,
 * and only they touch the brain's state; they never block and read no clock but {@code act}'s time. The
 * {@link Answerer} is asked on the tick thread and answers on any thread: its results, like
 * {@link #startTour} calls (any thread), go through a lock-free mailbox that {@code act} drains. Chat heard
 * during a tick's commands is acted on in that tick's {@code act}; what the brain offers applies in the
 * next tick.
 */
public final class AgentBrain implements ClientSink, AgentActor {
    /** Most questions being answered at once, for all visitors together. */
    public static final int MAX_IN_FLIGHT = 16;
    /** A visitor's questions closer together than this are not answered ("one moment"). */
    public static final Duration QUESTION_INTERVAL = Duration.ofSeconds(2);
    /** After narrating at a stop the agent waits this long beyond the estimated speech before walking on. */
    public static final Duration NARRATION_PAUSE = Duration.ofMillis(1500);
    /** The animation states sent in moves (the web client's Anim). */
    public static final int ANIM_IDLE = 0;
    public static final int ANIM_WALK = 1;

    /** Moves are sent at most this often: ten a second is smooth enough and well inside the move rate limit. */
    static final long MOVE_INTERVAL_NANOS = 100_000_000L;
    /** Radians per second when turning to face someone. */
    static final float TURN_RATE = 2f;
    /** Chat lines kept between two acts, beyond which more are dropped (the engine's chat limit keeps it far off). */
    static final int HEARD_MAX = 1024;
    private static final long QUESTION_INTERVAL_NANOS = QUESTION_INTERVAL.toNanos();
    private static final long REGREET_NANOS = AgentProfile.REGREET_AFTER.toNanos();
    private static final long GROUP_WAIT_NANOS = AgentProfile.GROUP_WAIT.toNanos();
    private static final long UPKEEP_NANOS = 30_000_000_000L;
    /** A time long ago that differences from cannot overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    private final AgentProfile profile;
    private final Answerer answerer;
    private final Consumer<SpaceCommand> outlet;
    private final long clientId;
    private final HandoffListener handoffs;
    private final ConcurrentLinkedQueue<Mail> mailbox = new ConcurrentLinkedQueue<>();

    // ---- tick thread only ----

    private int selfLocal;
    private int selfEntity;
    private boolean placed;
    private boolean gone;
    private float x;
    private float y;
    private float z;
    private float yaw;
    private int anim = ANIM_IDLE;
    private int seq;
    private long lastMove = NEVER;
    private long now;
    private long nextUpkeep;
    private final Map<Integer, Visitor> byLocal = new HashMap<>();
    private final ArrayList<Visitor> inView = new ArrayList<>();
    private final List<String> names;
    private final Map<Integer, PresenceEntry> present = new HashMap<>();
    private final Map<String, Long> greetedAt = new HashMap<>();
    private final Map<Integer, Asker> askers = new HashMap<>();
    private final ArrayList<Heard> heard = new ArrayList<>();
    private int inFlight;
    private Tour tour;

    public AgentBrain(AgentProfile profile, Answerer answerer, Consumer<SpaceCommand> outlet, long clientId) {
        this(profile, answerer, outlet, clientId, HandoffListener.NONE);
    }

    public AgentBrain(AgentProfile profile, Answerer answerer, Consumer<SpaceCommand> outlet, long clientId,
            HandoffListener handoffs) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.outlet = Objects.requireNonNull(outlet, "outlet");
        this.clientId = clientId;
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
        this.names = names(profile.displayName());
    }

    /**
     * The command that puts this agent in a space at its home (at height {@code y}), as {@code userId}, with
     * this brain as its sink and actor.
     */
    public SpaceCommand.AddAgent addCommand(String userId, float y) {
        return new SpaceCommand.AddAgent(clientId, userId, profile.displayName(), profile.homeX(), y, profile.homeZ(),
                profile.homeYaw(), this, this);
    }

    public AgentProfile profile() {
        return profile;
    }

    public long clientId() {
        return clientId;
    }

    /**
     * Starts the tour (in the agent's default language) with the visitors around, unless one is under way
     * or the profile has none. Any thread: it takes effect in the next {@link #act}.
     */
    public void startTour() {
        mailbox.add(new TourRequest());
    }

    // ------------------------------------------------------------------ the step

    @Override
    public void act(long nowNanos) {
        if (gone) {
            return;
        }
        now = nowNanos;
        if (!placed) {
            return; // not in yet: nothing heard, and no place to act from
        }
        if (lastMove == NEVER) {
            lastMove = now - MOVE_INTERVAL_NANOS;
            nextUpkeep = now + UPKEEP_NANOS;
        }
        Mail m;
        while ((m = mailbox.poll()) != null) {
            switch (m) {
                case Answered a -> answered(a);
                case TourRequest r -> requestedTour();
            }
        }
        for (int i = 0, n = heard.size(); i < n; i++) {
            hear(heard.get(i));
        }
        heard.clear();
        greet();
        if (tour != null) {
            tour.step();
        } else {
            faceNearest();
        }
        if (now >= nextUpkeep) {
            upkeep();
        }
    }

    // ------------------------------------------------------------------ greeting

    private void greet() {
        double r2 = (double) AgentProfile.GREET_RADIUS * AgentProfile.GREET_RADIUS;
        for (int i = 0, n = inView.size(); i < n; i++) {
            Visitor v = inView.get(i);
            if (v.kind != EntityKind.AVATAR) {
                continue;
            }
            boolean near = distance2(v.x, v.z) <= r2;
            if (near && !v.near) {
                Long last = greetedAt.get(v.userKey);
                if (last == null || now - last >= REGREET_NANOS) {
                    greetedAt.put(v.userKey, now);
                    String lang = profile.language();
                    String text = profile.greeting(lang);
                    if (text != null && !text.isBlank()) {
                        say(ChatScope.DIRECT, v.entityId, text.replace("{name}", v.name), lang, "greet", "smile", null,
                                null, false);
                    }
                }
            }
            v.near = near;
        }
    }

    // ------------------------------------------------------------------ questions

    /** How far a question's answer goes when the answerer is not sure. */
    private enum Mode {
        /** Spoken to the agent: answered, or handed to staff. */
        ADDRESSED,
        /** Overheard: answered only when confident. */
        OVERHEARD
    }

    private void hear(Heard h) {
        if (h.fromEntity == selfEntity || h.fromEntity == 0) {
            return;
        }
        String text = h.text;
        String question = withoutMention(text);
        boolean mentioned = question != null;
        if (!mentioned) {
            question = text;
        }
        Visitor v = visitorByEntity(h.fromEntity);
        boolean close = v != null && distance2(v.x, v.z)
                <= (double) AgentProfile.GREET_RADIUS * AgentProfile.GREET_RADIUS;
        Mode mode = h.scope == ChatScope.DIRECT || mentioned || (h.scope == ChatScope.NEARBY && close)
                ? Mode.ADDRESSED : Mode.OVERHEARD;
        String lang = Language.detect(text);
        if (question.isBlank()) {
            // only the name: an answer to a call is the greeting
            String greeting = profile.greeting(lang);
            if (mode == Mode.ADDRESSED && greeting != null && !greeting.isBlank()) {
                say(ChatScope.DIRECT, h.fromEntity, greeting.replace("{name}", h.fromName), lang, "greet", "smile",
                        null, null, false);
            }
            return;
        }
        if (tour != null && asksToStopTour(question) && (mode == Mode.ADDRESSED || tour.has(h.fromEntity))) {
            stopTour(lang);
            return;
        }
        Asker a = askers.computeIfAbsent(h.fromEntity, k -> new Asker());
        if (a.inFlight || now - a.lastAsk < QUESTION_INTERVAL_NANOS || inFlight >= MAX_IN_FLIGHT) {
            if (mode == Mode.ADDRESSED && now - a.lastHold >= QUESTION_INTERVAL_NANOS) {
                a.lastHold = now;
                String hold = inFlight >= MAX_IN_FLIGHT && !a.inFlight ? Phrases.busy(lang) : Phrases.oneMoment(lang);
                say(ChatScope.DIRECT, h.fromEntity, hold, lang, "nod", "attentive", null, null, false);
            }
            return;
        }
        a.inFlight = true;
        a.lastAsk = now;
        inFlight++;
        Question q = new Question(h.fromEntity, h.fromName, userIdOf(h.fromEntity), h.scope, question, mode, lang);
        CompletableFuture<AgentReply> f;
        try {
            f = answerer.ask(question, null);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f == null) {
            f = CompletableFuture.failedFuture(new IllegalStateException("the answerer returned no future"));
        }
        // may run at once on this thread (an answer already there): it still waits for the next act
        f.whenComplete((reply, error) -> mailbox.add(new Answered(q, reply, error)));
    }

    private void answered(Answered m) {
        Question q = m.question();
        inFlight--;
        Asker a = askers.get(q.entity());
        if (a != null) {
            a.inFlight = false;
        }
        AgentReply r = m.reply();
        if (m.error() != null || r == null) {
            if (q.mode() == Mode.ADDRESSED) {
                handOff(q, q.lang(), Phrases.failed(q.lang()), null);
            }
            return;
        }
        String lang = r.lang() != null && !r.lang().isBlank() ? r.lang()
                : r.text().isBlank() ? q.lang() : Language.detect(r.text());
        if (AgentReply.TOUR_STOP.equals(r.action()) && !r.handsOff()) {
            if (tour != null && (q.mode() == Mode.ADDRESSED || tour.has(q.entity()))) {
                stopTour(lang);
            } else if (!r.text().isBlank()) {
                reply(q, r, lang);
            }
            return;
        }
        // a tour starts for someone who asked the agent, not for a line overheard across the space
        if (AgentReply.TOUR.equals(r.action()) && !r.handsOff() && q.mode() == Mode.ADDRESSED) {
            if (profile.tour().isEmpty()) {
                say(ChatScope.DIRECT, q.entity(), Phrases.noTour(lang), lang, "shrug", "neutral", null, null, false);
            } else if (tour != null) {
                say(ChatScope.DIRECT, q.entity(), Phrases.tourBusy(lang), lang, "point", "smile", null, null, false);
            } else {
                String text = r.text().isBlank() ? Phrases.tourStart(lang) : r.text();
                say(ChatScope.NEARBY, 0, text, lang, r.gesture() != null ? r.gesture() : "greet", "smile",
                        r.entryId(), r.link(), false);
                beginTour(lang, q.entity());
            }
            return;
        }
        if (r.handsOff()) {
            if (q.mode() == Mode.ADDRESSED) {
                // a confident entry that says "ask staff" speaks for itself; otherwise our own words
                String text = r.entryId() != null && !r.text().isBlank() ? r.text() : Phrases.handedOff(lang);
                handOff(q, lang, text, r);
            }
            return;
        }
        if (!r.text().isBlank()) {
            reply(q, r, lang);
        }
    }

    /** The answer, in the scope it was asked in: direct to the asker, nearby, or to the whole space. */
    private void reply(Question q, AgentReply r, String lang) {
        say(q.scope(), q.entity(), r.text(), lang, r.gesture() != null ? r.gesture() : "explain", "smile",
                r.entryId(), r.link(), false);
    }

    /** Tells the asker that staff were told, tells the hosts, and tells the listener. */
    private void handOff(Question q, String lang, String text, AgentReply r) {
        say(q.scope(), q.entity(), text, lang, r != null && r.gesture() != null ? r.gesture() : "explain",
                "concerned", r != null ? r.entryId() : null, r != null ? r.link() : null, true);
        outlet.accept(new SpaceCommand.NotifyHosts(clientId, Phrases.notice(lang, q.name(), q.text())));
        try {
            handoffs.handoff(q.userId(), q.name(), q.text());
        } catch (RuntimeException e) {
            // the visitor has been told and the hosts notified; a failing store must not stop the agent
        }
    }

    /**
     * The question without the agent's name ("@Guide, where is..." -> "where is..."), or null when the
     * text does not name the agent.
     */
    private String withoutMention(String text) {
        for (String name : names) {
            int at = mention(text, name);
            if (at >= 0) {
                return withoutName(text, name, at);
            }
        }
        return null;
    }

    /**
     * The names visitors call the agent by: its display name and, for a bilingual one such as "浦小政 Pu Xiaozheng",
     * its Chinese part and its Latin part alone. Longest first, so that the full name is cut out whole.
     */
    private static List<String> names(String displayName) {
        List<String> out = new ArrayList<>();
        if (displayName.isBlank()) {
            return out;
        }
        out.add(displayName.strip());
        StringBuilder han = new StringBuilder();
        StringBuilder latin = new StringBuilder();
        for (String part : displayName.strip().split("\\s+")) {
            StringBuilder to = Language.detect(part).equals(Language.ZH_CN) ? han : latin;
            to.append(to.isEmpty() ? "" : " ").append(part);
        }
        for (StringBuilder b : List.of(han, latin)) {
            if (!b.isEmpty() && !out.contains(b.toString())) {
                out.add(b.toString());
            }
        }
        return List.copyOf(out);
    }

    private static String withoutName(String text, String name, int at) {
        int start = at > 0 && (text.charAt(at - 1) == '@' || text.charAt(at - 1) == '＠') ? at - 1 : at;
        int end = at + name.length();
        while (end < text.length() && isSeparator(text.charAt(end))) {
            end++;
        }
        return (text.substring(0, start) + text.substring(end)).strip();
    }

    /**
     * Where {@code text} names the agent, ignoring case, or -1. A Latin name must not run on into Latin
     * letters or digits ("Guide" is not named by "Guidebook"); next to Chinese it may.
     */
    private static int mention(String text, String name) {
        int n = name.length();
        for (int at = 0; at + n <= text.length(); at++) {
            if (text.regionMatches(true, at, name, 0, n)
                    && !(isLatinWord(name.charAt(0)) && at > 0 && isLatinWord(text.charAt(at - 1)))
                    && !(isLatinWord(name.charAt(n - 1)) && at + n < text.length()
                            && isLatinWord(text.charAt(at + n)))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isLatinWord(char c) {
        return Character.isDigit(c)
                || Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ':' || c == '，' || c == '：' || c == '、';
    }

    private static boolean asksToStopTour(String question) {
        String s = question.toLowerCase(Locale.ROOT);
        return s.contains("stop tour") || s.contains("stop the tour") || s.contains("end tour")
                || s.contains("end the tour") || s.contains("停止导览") || s.contains("结束导览")
                || s.contains("停止参观") || s.contains("结束参观");
    }

    private String userIdOf(int entityId) {
        PresenceEntry p = present.get(entityId);
        if (p != null) {
            return p.userId();
        }
        Visitor v = visitorByEntity(entityId);
        return v != null ? v.userId : "";
    }

    // ------------------------------------------------------------------ the tour

    private void requestedTour() {
        if (tour == null && !profile.tour().isEmpty()) {
            String lang = profile.language();
            say(ChatScope.NEARBY, 0, Phrases.tourStart(lang), lang, "greet", "smile", null, null, false);
            beginTour(lang, 0);
        }
    }

    private void beginTour(String lang, int askerEntity) {
        double r2 = (double) AgentProfile.GROUP_RADIUS * AgentProfile.GROUP_RADIUS;
        List<Integer> group = new ArrayList<>();
        if (askerEntity != 0) {
            group.add(askerEntity);
        }
        for (Visitor v : inView) {
            if (v.kind == EntityKind.AVATAR && v.entityId != askerEntity && distance2(v.x, v.z) <= r2) {
                group.add(v.entityId);
            }
        }
        tour = new Tour(lang, group.stream().mapToInt(Integer::intValue).toArray());
        tour.walkTowards(profile.tour().get(0).x(), profile.tour().get(0).z());
    }

    private void stopTour(String lang) {
        if (tour.phase == Phase.HOME) {
            return; // already over, on the way back
        }
        say(ChatScope.NEARBY, 0, Phrases.tourStopped(lang), lang, "bow", "smile", null, null, false);
        tour.phase = Phase.HOME;
        tour.walkTowards(profile.homeX(), profile.homeZ());
    }

    private enum Phase { WALK, WAIT, NARRATE, HOME }

    /** A tour under way: its group (space-wide entity ids), the stop it is at and what it is doing there. */
    private final class Tour {
        final String lang;
        final int[] group;
        int stop;
        Phase phase = Phase.WALK;
        long since;
        long until;
        /**
         * A walk that takes this long is taken as done: a stop the engine will not let the agent reach
         * (outside the bounds, say) must not hold the tour forever.
         */
        long walkDeadline;

        Tour(String lang, int[] group) {
            this.lang = lang;
            this.group = group;
        }

        boolean has(int entityId) {
            for (int g : group) {
                if (g == entityId) {
                    return true;
                }
            }
            return false;
        }

        void walkTowards(float tx, float tz) {
            double seconds = Math.hypot(tx - x, tz - z) / AgentProfile.WALK_SPEED;
            walkDeadline = now + (long) ((2 * seconds + 10) * 1e9);
        }

        private boolean walked(float tx, float tz, float finalYaw) {
            if (walkTo(tx, tz, finalYaw)) {
                return true;
            }
            if (now >= walkDeadline) {
                move(x, z, finalYaw, 0, 0, ANIM_IDLE); // stand where it got to
                return true;
            }
            return false;
        }

        void step() {
            if (phase != Phase.HOME && group.length > 0 && nobodyLeft()) {
                phase = Phase.HOME; // the whole group left the space: no one to talk to
                walkTowards(profile.homeX(), profile.homeZ());
            }
            List<TourStop> stops = profile.tour();
            switch (phase) {
                case WALK -> {
                    TourStop s = stops.get(stop);
                    if (walked(s.x(), s.z(), s.yaw())) {
                        if (s.waitForGroup()) {
                            phase = Phase.WAIT;
                            since = now;
                        } else {
                            narrate(s);
                        }
                    }
                }
                case WAIT -> {
                    if (gathered() || now - since >= GROUP_WAIT_NANOS) {
                        narrate(stops.get(stop));
                    }
                }
                case NARRATE -> {
                    if (now >= until) {
                        stop++;
                        if (stop < stops.size()) {
                            phase = Phase.WALK;
                            walkTowards(stops.get(stop).x(), stops.get(stop).z());
                        } else {
                            say(ChatScope.NEARBY, 0, Phrases.tourEnd(lang), lang, "bow", "smile", null, null, false);
                            phase = Phase.HOME;
                            walkTowards(profile.homeX(), profile.homeZ());
                        }
                    }
                }
                case HOME -> {
                    if (walked(profile.homeX(), profile.homeZ(), profile.homeYaw())) {
                        tour = null;
                    }
                }
            }
        }

        private void narrate(TourStop s) {
            phase = Phase.NARRATE;
            String text = Language.pick(s.narration(), lang, profile.languages());
            if (text == null || text.isBlank()) {
                until = now;
                return;
            }
            int ms = say(ChatScope.NEARBY, 0, text, lang, s.gesture() != null ? s.gesture() : "point", "smile", null,
                    null, false);
            until = now + (ms + NARRATION_PAUSE.toMillis()) * 1_000_000L;
        }

        /** Every member still in the space stands within the group radius of the agent. */
        private boolean gathered() {
            double r2 = (double) AgentProfile.GROUP_RADIUS * AgentProfile.GROUP_RADIUS;
            for (int g : group) {
                if (!present.containsKey(g)) {
                    continue;
                }
                Visitor v = visitorByEntity(g);
                if (v == null || distance2(v.x, v.z) > r2) {
                    return false;
                }
            }
            return true;
        }

        private boolean nobodyLeft() {
            for (int g : group) {
                if (present.containsKey(g)) {
                    return false;
                }
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ moving

    /**
     * One step of walking towards (tx, tz) at {@link AgentProfile#WALK_SPEED}, facing the way it goes;
     * true once there, facing {@code finalYaw}.
     */
    private boolean walkTo(float tx, float tz, float finalYaw) {
        double dx = tx - x;
        double dz = tz - z;
        double dist = Math.sqrt(dx * dx + dz * dz);
        if (dist < 1e-3) {
            if (anim != ANIM_IDLE || Math.abs(angleBetween(yaw, finalYaw)) > 1e-3) {
                move(tx, tz, finalYaw, 0, 0, ANIM_IDLE);
            }
            return true;
        }
        long since = now - lastMove;
        if (since < MOVE_INTERVAL_NANOS) {
            return false;
        }
        // a long gap (a stall, the first step) is not made up at once: the engine would clamp it anyway
        double step = AgentProfile.WALK_SPEED * Math.min(since, 5 * MOVE_INTERVAL_NANOS) / 1e9;
        if (step >= dist) {
            move(tx, tz, finalYaw, 0, 0, ANIM_IDLE);
            return true;
        }
        float ux = (float) (dx / dist);
        float uz = (float) (dz / dist);
        move((float) (x + ux * step), (float) (z + uz * step), yawOf(ux, uz), ux * AgentProfile.WALK_SPEED,
                uz * AgentProfile.WALK_SPEED, ANIM_WALK);
        return false;
    }

    /** Idle: turn, a little at a time, towards the nearest visitor within the greet radius. */
    private void faceNearest() {
        long since = now - lastMove;
        if (since < MOVE_INTERVAL_NANOS) {
            return;
        }
        Visitor nearest = null;
        double best = (double) AgentProfile.GREET_RADIUS * AgentProfile.GREET_RADIUS;
        for (int i = 0, n = inView.size(); i < n; i++) {
            Visitor v = inView.get(i);
            double d2 = distance2(v.x, v.z);
            if (v.kind == EntityKind.AVATAR && d2 <= best && d2 > 1e-6) {
                best = d2;
                nearest = v;
            }
        }
        float target;
        if (nearest != null) {
            target = yawOf(nearest.x - x, nearest.z - z);
        } else if (Math.abs(x - profile.homeX()) < 0.5f && Math.abs(z - profile.homeZ()) < 0.5f) {
            target = profile.homeYaw();
        } else {
            return;
        }
        float diff = angleBetween(yaw, target);
        if (Math.abs(diff) < 0.05f) {
            return;
        }
        float max = (float) (TURN_RATE * Math.min(since, 5 * MOVE_INTERVAL_NANOS) / 1e9);
        move(x, z, yaw + Math.max(-max, Math.min(max, diff)), 0, 0, ANIM_IDLE);
    }

    private void move(float nx, float nz, float nyaw, float vx, float vz, int nanim) {
        float w = normalise(nyaw);
        outlet.accept(new SpaceCommand.Move(clientId, ++seq, nx, y, nz, w, 0, vx, 0, vz, nanim, now / 1_000_000));
        x = nx;
        z = nz;
        yaw = w;
        anim = nanim;
        lastMove = now;
    }

    /** The yaw that faces along (dx, dz): 0 faces -z, as the web client draws it. */
    static float yawOf(double dx, double dz) {
        return normalise((float) Math.atan2(-dx, -dz));
    }

    private static final float TWO_PI = (float) (2 * Math.PI);

    private static float normalise(float a) {
        float r = a % TWO_PI;
        r = r < 0 ? r + TWO_PI : r;
        return r >= TWO_PI ? 0 : r;
    }

    /** The signed turn from {@code from} to {@code to}, in (-π, π]. */
    static float angleBetween(float from, float to) {
        double d = (to - from) % (2 * Math.PI);
        if (d > Math.PI) {
            d -= 2 * Math.PI;
        } else if (d <= -Math.PI) {
            d += 2 * Math.PI;
        }
        return (float) d;
    }

    private double distance2(float vx, float vz) {
        double dx = vx - x;
        double dz = vz - z;
        return dx * dx + dz * dz;
    }

    // ------------------------------------------------------------------ speaking

    /** Offers a line; returns when its last word starts (ms), 0 when the line could not be made. */
    private int say(ChatScope scope, int toEntity, String text, String lang, String gesture, String expression,
            String entryId, String link, boolean handoff) {
        String t = fit(text.strip(), Say.TEXT_MAX_BYTES);
        if (t.isEmpty()) {
            return 0;
        }
        String l = lang == null || lang.isBlank() || utf8(lang) > Say.LANG_MAX_BYTES ? Language.detect(t) : lang;
        List<SayWord> words = WordTimings.estimate(t, l);
        Say line;
        try {
            line = new Say(0, "", scope, t, l, orNone(gesture, Say.GESTURE_MAX_BYTES),
                    orNone(expression, Say.EXPRESSION_MAX_BYTES), words, orNone(entryId, Say.ENTRY_ID_MAX_BYTES),
                    orNone(link, Say.LINK_MAX_BYTES), handoff, 0);
        } catch (IllegalArgumentException e) {
            return 0; // text the wire cannot carry (an unpaired surrogate): better unsaid than a broken tick
        }
        outlet.accept(new SpaceCommand.Say(clientId, scope, toEntity, line));
        return WordTimings.endMs(words);
    }

    private static String orNone(String s, int maxBytes) {
        return s == null || utf8(s) > maxBytes ? "" : s;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code s} cut at a code point so that it is at most {@code maxBytes} of UTF-8. */
    static String fit(String s, int maxBytes) {
        if (s.length() * 3 <= maxBytes) {
            return s;
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                return s.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s;
    }

    // ------------------------------------------------------------------ upkeep

    /** Forgets greetings older than the regreet time and idle askers, so that the maps stay small. */
    private void upkeep() {
        nextUpkeep = now + UPKEEP_NANOS;
        greetedAt.values().removeIf(t -> now - t >= REGREET_NANOS);
        askers.values().removeIf(a -> !a.inFlight && now - a.lastAsk >= QUESTION_INTERVAL_NANOS
                && now - a.lastHold >= QUESTION_INTERVAL_NANOS);
    }

    private Visitor visitorByEntity(int entityId) {
        for (int i = 0, n = inView.size(); i < n; i++) {
            Visitor v = inView.get(i);
            if (v.entityId == entityId) {
                return v;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ ClientSink: what the agent perceives

    @Override
    public void welcomeToSpace(int selfLocalId, long resumeKey) {
        selfLocal = selfLocalId;
    }

    @Override
    public void enter(int localId, EntityKind kind, String name, String userId, EntityView state) {
        if (localId == selfLocal) {
            selfEntity = state.entityId();
            x = state.x();
            y = state.y();
            z = state.z();
            yaw = state.yaw();
            placed = true;
            return;
        }
        if (kind == EntityKind.OBJECT) {
            return;
        }
        Visitor v = new Visitor(localId, state.entityId(), kind, name, userId);
        v.x = state.x();
        v.z = state.z();
        v.index = inView.size();
        inView.add(v);
        byLocal.put(localId, v);
    }

    @Override
    public void exit(int localId) {
        Visitor v = byLocal.remove(localId);
        if (v != null) {
            Visitor last = inView.remove(inView.size() - 1);
            if (last != v) {
                inView.set(v.index, last);
                last.index = v.index;
            }
        }
    }

    @Override
    public void beginState(long tick, long serverTimeMs) {}

    @Override
    public void update(int localId, int mask, EntityView state) {
        if (localId == selfLocal) {
            // the engine corrected the agent (bounds, speed, a teleport): believe it
            x = state.x();
            y = state.y();
            z = state.z();
            return;
        }
        Visitor v = byLocal.get(localId);
        if (v != null) {
            v.x = state.x();
            v.z = state.z();
        }
    }

    @Override
    public void endState() {}

    @Override
    public void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text,
            long serverTimeMs) {
        if (heard.size() < HEARD_MAX) {
            heard.add(new Heard(fromEntityId, fromName, scope, text));
        }
    }

    @Override
    public void say(int fromLocalId, int fromEntityId, Say line, long serverTimeMs) {
        // another agent speaking: agents do not answer each other
    }

    @Override
    public void emote(int localId, int emote) {}

    @Override
    public void holder(int objectLocalId, int holderLocalId) {}

    @Override
    public void presence(List<PresenceEntry> everyone) {
        present.clear();
        for (PresenceEntry p : everyone) {
            present.put(p.entityId(), p);
        }
    }

    @Override
    public void presenceChange(PresenceEntry who, boolean joined) {
        if (joined) {
            present.put(who.entityId(), who);
        } else {
            present.remove(who.entityId());
        }
    }

    @Override
    public void voice(int fromLocalId, VoiceKind kind, String payload) {}

    @Override
    public void error(ErrorCode code, String message) {
        // the engine refusing a line (its addressee left) or a move: nothing to retry
    }

    @Override
    public void twinUpdate(String twin, String json, long serverTimeMs) {}

    @Override
    public void goodbye(ErrorCode code, String reason) {
        gone = true;
    }

    @Override
    public int backlog() {
        return 0;
    }

    // ------------------------------------------------------------------ records

    /** Someone the agent sees. */
    private static final class Visitor {
        final int localId;
        final int entityId;
        final EntityKind kind;
        final String name;
        final String userId;
        /** Whom a greeting is remembered by: the user, or the avatar for a user without an id. */
        final String userKey;
        float x;
        float z;
        /** Within the greet radius at the last act. */
        boolean near;
        int index;

        Visitor(int localId, int entityId, EntityKind kind, String name, String userId) {
            this.localId = localId;
            this.entityId = entityId;
            this.kind = kind;
            this.name = name;
            this.userId = userId;
            this.userKey = userId.isEmpty() ? "entity:" + entityId : userId;
        }
    }

    /** One visitor's questions: whether one is being answered, and when they last asked or were asked to wait. */
    private static final class Asker {
        boolean inFlight;
        long lastAsk = NEVER;
        long lastHold = NEVER;
    }

    private record Heard(int fromEntity, String fromName, ChatScope scope, String text) {}

    private record Question(int entity, String name, String userId, ChatScope scope, String text, Mode mode,
            String lang) {}

    private sealed interface Mail permits Answered, TourRequest {}

    private record Answered(Question question, AgentReply reply, Throwable error) implements Mail {}

    private record TourRequest() implements Mail {}
}
