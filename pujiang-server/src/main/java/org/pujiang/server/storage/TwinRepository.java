package org.pujiang.server.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.server.auth.UserId;

/**
 * Stored twins, their links, device credentials and space bindings. Thread-safe; each call is one transaction.
 * Twin state is saved by the twin partitions through {@link #saveStates}; the rest changes through the twin
 * service.
 */
public interface TwinRepository {
    /**
     * One twin as stored. Coordinates are null where unset.
     *
     * @param attributes a JSON object of static facts (serial number, vendor)
     * @param acl        a JSON object {@code {read: [...], write: [...], command: [...]}}
     * @param state      the live state as {@code TwinState.toJson} writes it, or null before the first value
     */
    record StoredTwin(String id, String modelId, String name, String attributes, Double lat, Double lon,
                      UUID spaceId, Double x, Double y, Double z, String acl, UserId owner, Instant createdAt,
                      Instant updatedAt, String state, long stateVersion) {}

    /** A directed, named edge: {@code source -name-> target}. */
    record Link(String source, String name, String target) {}

    /** @param visual JSON: how the property shows on the object */
    record Binding(UUID id, UUID spaceId, String object, String twinId, String property, String visual,
                   Instant createdAt) {}

    /** One state to save; ignored when the stored version is already as new. */
    record StateSave(String twinId, String state, long version) {}

    /** @return false, with nothing written, when a twin with that id exists */
    boolean insert(StoredTwin twin);

    Optional<StoredTwin> find(String id);

    /** Every twin, for loading the partitions at start-up. */
    List<StoredTwin> all();

    /** Rewrites name, model, attributes, location and acl (not state). @return false when there is no such twin */
    boolean update(StoredTwin twin);

    /** Deletes the twin with its links, credentials and bindings. @return false when there was none */
    boolean delete(String id);

    /** Saves states in one transaction; a state older than the stored one is skipped. */
    void saveStates(Collection<StateSave> states);

    boolean modelInUse(String modelId);

    /** @return false when the link exists already */
    boolean addLink(Link link);

    boolean removeLink(Link link);

    List<Link> links();

    void addCredential(String tokenHash, String twinId, Instant at, UserId by);

    /** Active credentials: token hash to twin id. */
    Map<String, String> activeCredentials();

    /** Revokes every credential of the twin. @return how many were active */
    int revokeCredentials(String twinId, Instant at);

    void insertBinding(Binding binding);

    List<Binding> bindings(UUID spaceId);

    List<Binding> allBindings();

    boolean deleteBinding(UUID spaceId, UUID bindingId);
}
