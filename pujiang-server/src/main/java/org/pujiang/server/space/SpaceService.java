package org.pujiang.server.space;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.error.Text;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.SpaceRepository.Scope;
import org.pujiang.server.storage.SpaceRepository;
import org.pujiang.server.storage.UserRepository;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceLimits;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

/**
 * Creating, finding, listing, changing and deleting spaces, with the access rules:
 * public and unlisted spaces are open to every signed-in caller, guests included; private ones to
 * their owner, members, operators and admins. Callers who may not see a space get 404, not 403,
 * so that private spaces stay unknown. Only the owner, operators and admins change or delete.
 * Blocks on the database: call from worker threads. Thread-safe.
 */
public final class SpaceService {
    public static final int PAGE_SIZE_MAX = 100;

    private final SpaceRepository spaces;
    private final UserRepository users;
    private final Clock clock;

    public SpaceService(SpaceRepository spaces, UserRepository users, Clock clock) {
        this.spaces = spaces;
        this.users = users;
        this.clock = clock;
    }

    public Space create(User actor, SpaceChanges c) {
        if (actor.isGuest()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "guests cannot create spaces; register to create one");
        }
        String name = Text.check("name", c.name().orElseThrow(() -> ApiException.missing("name")), 1,
                SpaceLimits.NAME_MAX, false);
        SpaceTemplate template = c.template().orElseThrow(() -> ApiException.missing("template"));
        Visibility visibility = c.visibility().orElseThrow(() -> ApiException.missing("visibility"));
        String description = Text.check("description", c.description().orElse(""), 0, SpaceLimits.DESCRIPTION_MAX,
                true);
        int capacity = checkCapacity(c.capacity().orElse(template.defaultCapacity()));
        Bounds bounds = c.bounds().orElse(template.defaultBounds());
        List<Space.Member> members = resolveMembers(c.members().orElse(List.of()), actor.id());
        Instant now = now();
        Space space = new Space(new SpaceId(Ids.newId()), name, description, actor.id(), actor.displayName(), template,
                visibility, capacity, bounds, members, now, now, 1);
        spaces.insert(space);
        return space;
    }

    /** The space, when {@code actor} may see it. */
    public Space get(User actor, SpaceId id) {
        Space space = spaces.find(id).orElseThrow(() -> notFound(id));
        if (!canSee(actor, space)) {
            throw notFound(id);
        }
        return space;
    }

    /** The paging rule of every list in the API: page from 1, size 1 to {@link #PAGE_SIZE_MAX}, a million rows deep. */
    public static void checkPage(int page, int size) {
        if (page < 1) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "page must be 1 or more, got " + page);
        }
        if (size < 1 || size > PAGE_SIZE_MAX) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "size must be 1 to " + PAGE_SIZE_MAX + ", got " + size);
        }
        if ((long) page * size > 1_000_000) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "page * size must stay within 1000000; narrow the search");
        }
    }

    public Page<Space> list(User actor, String nameContains, int page, int size, boolean mine) {
        checkPage(page, size);
        // Stored names are NFC (see Text.check): search with the same form.
        String q = nameContains == null ? "" : Normalizer.normalize(nameContains.strip(), Normalizer.Form.NFC);
        if (q.codePointCount(0, q.length()) > SpaceLimits.NAME_MAX) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "q must be at most " + SpaceLimits.NAME_MAX + " characters");
        }
        Scope scope;
        if (mine) {
            scope = Scope.OWNED;
        } else if (actor.role().managesAllSpaces()) {
            scope = Scope.ALL;
        } else if (actor.isGuest()) {
            scope = Scope.PUBLIC_ONLY;
        } else {
            scope = Scope.VISIBLE_TO_MEMBER;
        }
        return spaces.list(new SpaceRepository.ListQuery(scope, actor.id(), q, page, size));
    }

    public Space update(User actor, SpaceId id, SpaceChanges c) {
        Space old = manageable(actor, id);
        if (c.expectedVersion().isPresent() && c.expectedVersion().get() != old.version()) {
            throw new ApiException(ErrorCode.SPACE_CONFLICT, "the space is at version " + old.version()
                    + ", not " + c.expectedVersion().get() + "; someone changed it meanwhile: reload it and try again");
        }
        if (c.isEmpty()) {
            return old;
        }
        String name = c.name().isPresent()
                ? Text.check("name", c.name().get(), 1, SpaceLimits.NAME_MAX, false) : old.name();
        String description = c.description().isPresent()
                ? Text.check("description", c.description().get(), 0, SpaceLimits.DESCRIPTION_MAX, true)
                : old.description();
        int capacity = c.capacity().isPresent() ? checkCapacity(c.capacity().get()) : old.capacity();
        List<Space.Member> members = c.members().isPresent() ? resolveMembers(c.members().get(), old.ownerId())
                : old.members();
        Space updated = new Space(old.id(), name, description, old.ownerId(), old.ownerName(),
                c.template().orElse(old.template()), c.visibility().orElse(old.visibility()), capacity,
                c.bounds().orElse(old.bounds()), members, old.createdAt(), now(), old.version() + 1);
        if (!spaces.update(updated, old.version())) {
            throw new ApiException(ErrorCode.SPACE_CONFLICT,
                    "the space was changed or deleted by someone else meanwhile; reload it and try again");
        }
        return updated;
    }

    public void delete(User actor, SpaceId id) {
        manageable(actor, id);
        if (!spaces.delete(id)) {
            throw notFound(id);
        }
    }

    /** The space, when {@code actor} may change it (owner, operators, admins); else 403 or 404. */
    public Space manageable(User actor, SpaceId id) {
        Space space = get(actor, id);
        if (!space.ownerId().equals(actor.id()) && !actor.role().managesAllSpaces()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the owner, operators and admins may change this space");
        }
        return space;
    }

    /**
     * Whether {@code actor} may see who the members are: the owner, operators and admins, and the
     * members of a private space. Visitors of a public space are not told who else has access.
     */
    public boolean mayListMembers(User actor, Space space) {
        return actor.id().equals(space.ownerId()) || actor.role().managesAllSpaces()
                || (space.visibility() == Visibility.PRIVATE && isListed(actor, space));
    }

    private static boolean isListed(User actor, Space space) {
        return space.members().stream().anyMatch(m -> m.id().equals(actor.id()));
    }

    private boolean canSee(User actor, Space space) {
        return switch (space.visibility()) {
            case PUBLIC, UNLISTED -> true;
            case PRIVATE -> actor.id().equals(space.ownerId()) || actor.role().managesAllSpaces()
                    || isListed(actor, space);
        };
    }

    /** Looks the usernames up; the owner is never listed as a member of their own space. */
    private List<Space.Member> resolveMembers(List<String> usernames, UserId ownerId) {
        if (usernames.size() > SpaceLimits.MEMBERS_MAX) {
            throw ApiException.invalid("members", "members may list at most " + SpaceLimits.MEMBERS_MAX
                    + " users, got " + usernames.size());
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String u : usernames) {
            byKey.putIfAbsent(AuthService.usernameKey(u), u);
        }
        if (byKey.isEmpty()) {
            return List.of();
        }
        List<User> found = users.findByUsernameKeys(byKey.keySet());
        Set<String> foundKeys = found.stream().map(u -> AuthService.usernameKey(u.username()))
                .collect(Collectors.toSet());
        List<String> unknown = byKey.entrySet().stream().filter(e -> !foundKeys.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("members", "no such users: " + String.join(", ", unknown.subList(0,
                    Math.min(10, unknown.size()))) + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
        List<Space.Member> members = new ArrayList<>();
        for (User u : found) {
            if (u.role() == Role.GUEST) {
                throw ApiException.invalid("members", "guests cannot be members: " + u.username());
            }
            if (!u.id().equals(ownerId)) {
                members.add(new Space.Member(u.id(), u.username(), u.displayName()));
            }
        }
        return members;
    }

    private static int checkCapacity(int capacity) {
        if (capacity < 1 || capacity > SpaceLimits.CAPACITY_MAX) {
            throw ApiException.invalid("capacity", "capacity must be 1 to " + SpaceLimits.CAPACITY_MAX + ", got " + capacity);
        }
        return capacity;
    }

    private static ApiException notFound(SpaceId id) {
        return new ApiException(ErrorCode.SPACE_NOT_FOUND, "no space " + id + " that you may see");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
