package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** Drives a space by hand: offers commands and ticks it at its own period, from time 0. No sleeping. */
final class SpaceHarness {
    final Space space;
    final SpaceConfig config;
    final long period;
    long now;
    private final Map<Long, Integer> seqs = new HashMap<>();
    private final Map<Long, RecordingSink> sinks = new HashMap<>();

    SpaceHarness(SpaceConfig config) {
        this.config = config;
        this.space = Space.create(config, SpaceEnvironment.deterministic(7));
        this.period = config.tickNanos();
    }

    SpaceHarness() {
        this(SpaceConfig.defaults());
    }

    void tick() {
        now += period;
        space.tick(now);
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** Ticks for {@code seconds} of space time. */
    void run(double seconds) {
        ticks((int) Math.round(seconds * config.tickHz()));
    }

    void offer(SpaceCommand c) {
        assertThat(space.offer(c)).as("offer %s", c).isTrue();
    }

    RecordingSink join(long clientId) {
        return join(clientId, "user-" + clientId, "name-" + clientId, false, 0);
    }

    RecordingSink join(long clientId, String userId, String name, boolean host, long resumeKey) {
        RecordingSink sink = new RecordingSink();
        offer(new SpaceCommand.Join(clientId, userId, name, host, resumeKey, sink));
        sinks.put(clientId, sink);
        seqs.put(clientId, 0);
        return sink;
    }

    /** Joins and teleports in the same tick (not ticked). */
    RecordingSink joinAt(long clientId, float x, float z) {
        RecordingSink s = join(clientId);
        teleport(clientId, x, 0, z);
        return s;
    }

    RecordingSink sink(long clientId) {
        return sinks.get(clientId);
    }

    void teleport(long clientId, float x, float y, float z) {
        offer(new SpaceCommand.Teleport(clientId, x, y, z));
    }

    void move(long clientId, float x, float y, float z) {
        move(clientId, x, y, z, 0, 0, 0);
    }

    void move(long clientId, float x, float y, float z, float yaw, float pitch, int anim) {
        int seq = seqs.merge(clientId, 1, Integer::sum);
        offer(new SpaceCommand.Move(clientId, seq, x, y, z, yaw, pitch, 0, 0, 0, anim, 0));
    }

    SpaceMetrics metrics() {
        return space.metrics();
    }
}
