package org.pujiang.server.storage;

import java.util.List;
import java.util.Optional;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.space.Space;
import org.pujiang.space.SpaceId;

/** Spaces and their member lists. Implementations are thread-safe; each call is one transaction. */
public interface SpaceRepository {
    /** Whose listing it is: it decides which spaces the listing may show. */
    enum Scope {
        /** Everything: admins and operators. */
        ALL,
        /** Public spaces, plus the viewer's own and those listing the viewer as a member. */
        VISIBLE_TO_MEMBER,
        /** Public spaces only: guests. */
        PUBLIC_ONLY,
        /** Only spaces the viewer owns. */
        OWNED
    }

    /**
     * A page request.
     *
     * @param nameContains a case-insensitive substring of the name, or empty for all
     * @param page 1-based
     */
    record ListQuery(Scope scope, UserId viewer, String nameContains, int page, int size) {}

    record Page<T>(List<T> items, long total, int page, int size) {}

    /** Stores a new space and its members (the members' ids only are read). */
    void insert(Space space);

    /** The space with its owner's name and, for private spaces, its member list. */
    Optional<Space> find(SpaceId id);

    /** Listed spaces without member lists, newest first. */
    Page<Space> list(ListQuery query);

    /**
     * Writes every field of {@code space} and replaces its member list, when the stored version is
     * {@code expectedVersion}. The stored version becomes {@code space.version()}.
     *
     * @return false, with nothing written, when the space is gone or was changed meanwhile
     */
    boolean update(Space space, long expectedVersion);

    /** @return false when there was no such space */
    boolean delete(SpaceId id);

    boolean isMember(SpaceId id, UserId user);

    long count();
}
