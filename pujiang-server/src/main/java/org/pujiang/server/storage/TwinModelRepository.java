package org.pujiang.server.storage;

import java.time.Instant;
import java.util.Optional;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.SpaceRepository.Page;

/** Stored twin models, each kept as canonical Thing Model JSON. Thread-safe; each call is one transaction. */
public interface TwinModelRepository {
    /** How a model was submitted. */
    enum SourceFormat {
        TM("tm"), DTDL("dtdl");

        private final String wire;

        SourceFormat(String wire) {
            this.wire = wire;
        }

        public String wireName() {
            return wire;
        }

        public static SourceFormat fromWire(String s) {
            for (SourceFormat f : values()) {
                if (f.wire.equals(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown source format " + s);
        }
    }

    /**
     * One stored model.
     *
     * @param version  the model's own version, or null
     * @param document the model as {@code ThingModels.write} gives it
     * @param retentionDays how long the history of its twins is kept, or null for the server default
     */
    record StoredModel(String id, String version, String title, SourceFormat sourceFormat, String document,
                       Instant createdAt, UserId createdBy, Integer retentionDays) {}

    /** @return false, with nothing written, when a model with that id exists */
    boolean insert(StoredModel model);

    Optional<StoredModel> find(String id);

    /** Newest first. */
    Page<StoredModel> list(int page, int size);

    /** @return false when there was no such model */
    boolean delete(String id);

    long count();

    /** @return false when there is no such model */
    boolean setRetention(String id, Integer days);

    /** Models whose history has its own retention: model id to days. */
    java.util.Map<String, Integer> retentions();
}
