package org.pujiang.server.twin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.pujiang.server.storage.TwinRepository;
import org.pujiang.server.storage.TwinRepository.StateSave;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of twin states: partitions hand it their changed states, it keeps only the latest per twin
 * and saves them in one transaction at a time. One save in flight at most, so a busy database slows state saving
 * down instead of filling the shared worker pool that REST requests need.
 */
final class StateSaver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateSaver.class);
    private static final long PAUSE_NANOS = 200_000_000L;

    private final TwinRepository repo;
    private final Map<String, StateSave> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closing;

    StateSaver(TwinRepository repo) {
        this.repo = repo;
        this.thread = Thread.ofPlatform().name("pujiang-twin-states").daemon(true).start(this::run);
    }

    /** Queues states; a newer version of a twin replaces an older one not yet saved. */
    void offer(List<StateSave> states) {
        for (StateSave s : states) {
            pending.merge(s.twinId(), s, (old, now) -> now.version() >= old.version() ? now : old);
        }
    }

    private void run() {
        while (!closing) {
            LockSupport.parkNanos(PAUSE_NANOS);
            saveAll();
        }
        saveAll();
    }

    private void saveAll() {
        if (pending.isEmpty()) {
            return;
        }
        List<StateSave> batch = new ArrayList<>(pending.size());
        for (String id : List.copyOf(pending.keySet())) {
            StateSave s = pending.remove(id);
            if (s != null) {
                batch.add(s);
            }
        }
        try {
            repo.saveStates(batch);
        } catch (RuntimeException e) {
            log.warn("saving {} twin states failed, will try again: {}", batch.size(), e.toString());
            offer(batch);
        }
    }

    /** Saves what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
