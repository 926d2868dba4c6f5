package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.TwinRepository.Binding;
import org.pujiang.server.storage.history.HistoryRepository;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.pujiang.server.storage.history.TelemetryValue;
import org.pujiang.space.SpaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay (沙盘推演): plays a window of history into a space at a chosen speed. While a space replays, live
 * values of its twins are held back from it; when the replay ends or is stopped, the space gets the live state
 * again. Each replayed update carries {@code "replay": {"at": ms}} so clients can show the replayed time. One
 * scheduler thread owns every replay session.
 */
public final class Replays implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Updates are sent this often, each carrying what the replayed clock passed since the last. */
    static final long FRAME_MS = 100;
    /** The most points one replay loads. */
    public static final int MAX_POINTS = 200_000;
    public static final double MAX_SPEED = 3600;

    /** What a replay is doing. */
    public record Status(SpaceId space, Instant from, Instant to, double speed, Instant at, int points, boolean done) {}

    private record Point(String twin, String property, long ts, TelemetryValue value) {}

    private final class Session {
        final SpaceId space;
        final Instant from;
        final Instant to;
        final double speed;
        final List<Point> points;
        int next;
        long clockMs;
        ScheduledFuture<?> timer;
        volatile Status status;

        Session(SpaceId space, Instant from, Instant to, double speed, List<Point> points) {
            this.space = space;
            this.from = from;
            this.to = to;
            this.speed = speed;
            this.points = points;
            this.clockMs = from.toEpochMilli();
            this.status = new Status(space, from, to, speed, from, points.size(), false);
        }
    }

    private final TwinService twins;
    private final HistoryRepository history;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pujiang-replay").daemon(true).factory());
    private final Map<SpaceId, Session> sessions = new ConcurrentHashMap<>();

    public Replays(TwinService twins, HistoryRepository history) {
        this.twins = twins;
        this.history = history;
    }

    /**
     * Loads the history of the space's bound properties in {@code [from, to)} and starts playing it; replaces a
     * replay already running there. Blocks while loading.
     */
    public Status start(SpaceId space, Instant from, Instant to, double speed) {
        if (!to.isAfter(from)) {
            throw ApiException.invalid("to", "to must be after from");
        }
        if (!(speed > 0) || speed > MAX_SPEED) {
            throw ApiException.invalid("speed", "speed is more than 0 and at most " + (int) MAX_SPEED + " (times real time)");
        }
        List<Binding> bindings = twins.bindings(space);
        if (bindings.isEmpty()) {
            throw new ApiException(ErrorCode.TWIN_BINDING_NOT_FOUND, "nothing in this space is bound to a twin, so there"
                    + " is nothing to replay");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Binding b : bindings) {
            keys.add(b.twinId() + "\u0000" + b.property());
        }
        List<Point> points = new ArrayList<>();
        for (String key : keys) {
            String twin = key.substring(0, key.indexOf('\u0000'));
            String property = key.substring(key.indexOf('\u0000') + 1);
            int room = MAX_POINTS - points.size();
            if (room <= 0) {
                break;
            }
            for (TelemetryPoint p : history.range(twin, property, from, to,
                    Math.min(room, HistoryRepository.MAX_RANGE_LIMIT))) {
                points.add(new Point(twin, property, p.ts().toEpochMilli(), p.value()));
            }
        }
        points.sort(Comparator.comparingLong(Point::ts));
        Session s = new Session(space, from, to, speed, points);
        Session old = sessions.put(space, s);
        if (old != null && old.timer != null) {
            old.timer.cancel(false);
        }
        twins.pauseLive(space);
        s.timer = scheduler.scheduleAtFixedRate(() -> frame(s), 0, FRAME_MS, TimeUnit.MILLISECONDS);
        log.info("replaying {} points of {} properties into space {} at {}x", points.size(), keys.size(), space, speed);
        return s.status;
    }

    public Optional<Status> status(SpaceId space) {
        Session s = sessions.get(space);
        return s == null ? Optional.empty() : Optional.of(s.status);
    }

    /** Stops the space's replay and gives it the live state back. @return false when none was running */
    public boolean stop(SpaceId space) {
        Session s = sessions.remove(space);
        if (s == null) {
            return false;
        }
        s.timer.cancel(false);
        if (!s.status.done()) {
            scheduler.execute(() -> twins.resumeLive(space));
        }
        return true;
    }

    private void frame(Session s) {
        try {
            long until = Math.min(s.to.toEpochMilli(), s.clockMs + (long) Math.max(1, FRAME_MS * s.speed));
            Map<String, ObjectNode> updates = new LinkedHashMap<>();
            while (s.next < s.points.size() && s.points.get(s.next).ts() < until) {
                Point p = s.points.get(s.next++);
                ObjectNode u = updates.computeIfAbsent(p.twin(), k -> NODES.objectNode());
                ObjectNode reported = u.withObjectProperty("reported");
                switch (p.value()) {
                    case TelemetryValue.Numeric n -> reported.put(p.property(), n.value());
                    case TelemetryValue.Text t -> reported.put(p.property(), t.value());
                }
                ObjectNode m = u.withObjectProperty("metadata").putObject(p.property());
                m.put("ts", p.ts());
                m.put("source", "replay");
            }
            s.clockMs = until;
            updates.forEach((twin, u) -> {
                u.putObject("replay").put("at", s.clockMs).put("speed", s.speed);
                twins.publishReplay(s.space, twin, u);
            });
            boolean done = until >= s.to.toEpochMilli();
            s.status = new Status(s.space, s.from, s.to, s.speed, Instant.ofEpochMilli(until), s.points.size(), done);
            if (done) {
                // The finished session stays, so that its status says done, until the next start or a stop.
                s.timer.cancel(false);
                twins.resumeLive(s.space);
                log.info("replay into space {} finished", s.space);
            }
        } catch (RuntimeException e) {
            log.error("replay frame failed; stopping the replay of space {}", s.space, e);
            stop(s.space);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
