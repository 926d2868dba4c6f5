package org.pujiang.server.storage;

import java.time.Instant;
import java.util.List;
import org.pujiang.space.SpaceId;
import org.pujiang.space.object.ObjectState;

/** The saved shared objects of each space. Blocking; thread-safe. */
public interface ObjectRepository {
    /** The objects saved for {@code space}, by object id; empty when none were. */
    List<ObjectState> load(SpaceId space);

    /** Replaces the saved objects of {@code space} with {@code objects}, in one transaction. */
    void save(SpaceId space, List<ObjectState> objects, Instant now);
}
