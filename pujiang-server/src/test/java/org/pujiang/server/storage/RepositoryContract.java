package org.pujiang.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.Session;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.space.Space;
import org.pujiang.server.storage.jdbc.Database;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

/** The repositories against a real database, once per kind (H2 and PostgreSQL subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContract {
    TestDatabase testDb;
    Database db;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void open(@TempDir Path temp) {
        testDb = TestDatabase.create(kind(), temp);
        db = Database.open(testDb.config(), temp, null);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    private User newUser(String name, Role role) {
        User u = new User(new UserId(Ids.newId()), name, name + " 显示名", role, false, now, now);
        assertThat(db.users().insert(u, name.toLowerCase(), role == Role.GUEST ? null : "$argon2id$fake")).isTrue();
        return u;
    }

    private int created;

    private Space newSpace(User owner, String name, Visibility v, List<Space.Member> members) {
        // Distinct creation times: listings sort newest first, and ids made in one millisecond do not sort.
        Instant at = now.plusMillis(++created);
        Space s = new Space(new SpaceId(Ids.newId()), name, "描述", owner.id(), owner.displayName(), SpaceTemplate.MEETING,
                v, 24, Bounds.centred(20, 6, 14), members, at, at, 1);
        db.spaces().insert(s);
        return s;
    }

    @Test
    void migrationsAreIdempotentAcrossReopen(@TempDir Path temp) {
        // Opening again runs Flyway again: nothing to apply, nothing lost.
        User u = newUser("reopen" + System.nanoTime(), Role.MEMBER);
        try (Database again = Database.open(testDb.config(), temp, null)) {
            assertThat(again.users().findById(u.id())).isPresent();
        }
    }

    @Test
    void usersRoundTripAndUsernameKeysAreUnique() {
        String name = "user" + System.nanoTime();
        User u = newUser(name, Role.OPERATOR);
        assertThat(db.users().findById(u.id())).contains(u);
        assertThat(db.users().findCredentials(name.toLowerCase())).hasValueSatisfying(c -> {
            assertThat(c.user()).isEqualTo(u);
            assertThat(c.passwordHash()).isEqualTo("$argon2id$fake");
        });
        User clash = new User(new UserId(Ids.newId()), name.toUpperCase(), "x", Role.MEMBER, false, now, now);
        assertThat(db.users().insert(clash, name.toLowerCase(), "h")).isFalse();
        assertThat(db.users().findById(clash.id())).isEmpty();
        assertThat(db.users().findByUsernameKeys(List.of(name.toLowerCase(), "nobody-here"))).containsExactly(u);
        assertThat(db.users().updatePassword(u.id(), "$argon2id$new", now.plusSeconds(1))).isTrue();
        assertThat(db.users().findCredentials(name.toLowerCase()).orElseThrow().passwordHash()).isEqualTo("$argon2id$new");
        assertThat(db.users().updatePassword(new UserId(UUID.randomUUID()), "h", now)).isFalse();
    }

    @Test
    void sessionsAreRevokedAndExpiredOnesDeleted() {
        User u = newUser("sess" + System.nanoTime(), Role.MEMBER);
        Session live = new Session(Ids.newId(), u, now, now.plusSeconds(3600), null);
        Session old = new Session(Ids.newId(), u, now.minusSeconds(7200), now.minusSeconds(3600), null);
        db.sessions().insert(live, "127.0.0.1", "JUnit/" + "x".repeat(500));
        db.sessions().insert(old, null, null);
        assertThat(db.sessions().find(live.id())).contains(live);
        assertThat(db.sessions().revoke(live.id(), now)).isTrue();
        assertThat(db.sessions().revoke(live.id(), now)).isFalse();
        assertThat(db.sessions().find(live.id()).orElseThrow().revokedAt()).isEqualTo(now);
        assertThat(db.sessions().deleteExpired(now)).isGreaterThanOrEqualTo(1);
        assertThat(db.sessions().find(old.id())).isEmpty();
        assertThat(db.sessions().find(live.id())).isPresent();
    }

    @Test
    void staleGuestsAreDeletedButLiveOnesKept() {
        User stale = newUser("guest-stale" + System.nanoTime(), Role.GUEST);
        User live = newUser("guest-live" + System.nanoTime(), Role.GUEST);
        db.sessions().insert(new Session(Ids.newId(), stale, now.minusSeconds(10), now.minusSeconds(1), null), null, null);
        db.sessions().insert(new Session(Ids.newId(), live, now, now.plusSeconds(600), null), null, null);
        db.users().deleteStaleGuests(now);
        assertThat(db.users().findById(stale.id())).isEmpty();
        assertThat(db.users().findById(live.id())).isPresent();
    }

    @Test
    void spacesRoundTripWithMembersAndVersionedUpdates() {
        User owner = newUser("owner" + System.nanoTime(), Role.MEMBER);
        User member = newUser("member" + System.nanoTime(), Role.MEMBER);
        Space s = newSpace(owner, "会议室 🪑", Visibility.PRIVATE,
                List.of(new Space.Member(member.id(), member.username(), member.displayName())));
        Space read = db.spaces().find(s.id()).orElseThrow();
        assertThat(read).isEqualTo(s);
        assertThat(db.spaces().isMember(s.id(), member.id())).isTrue();
        assertThat(db.spaces().isMember(s.id(), owner.id())).isFalse();

        Space v2 = new Space(s.id(), "会议室 v2", s.description(), s.ownerId(), s.ownerName(), s.template(), Visibility.PUBLIC,
                30, s.bounds(), List.of(), s.createdAt(), now.plusSeconds(5), 2);
        assertThat(db.spaces().update(v2, 1)).isTrue();
        // A writer still holding version 1 loses instead of overwriting version 2.
        Space stale = new Space(s.id(), "stale", s.description(), s.ownerId(), s.ownerName(), s.template(), s.visibility(),
                1, s.bounds(), s.members(), s.createdAt(), now.plusSeconds(6), 2);
        assertThat(db.spaces().update(stale, 1)).isFalse();
        assertThat(db.spaces().find(s.id())).contains(v2);
        assertThat(db.spaces().isMember(s.id(), member.id())).isFalse();

        assertThat(db.spaces().delete(s.id())).isTrue();
        assertThat(db.spaces().delete(s.id())).isFalse();
        assertThat(db.spaces().find(s.id())).isEmpty();
    }

    @Test
    void listingScopesSearchAndPaging() {
        String tag = "scope" + System.nanoTime();
        User owner = newUser("o" + tag, Role.MEMBER);
        User member = newUser("m" + tag, Role.MEMBER);
        User other = newUser("x" + tag, Role.MEMBER);
        Space pub = newSpace(owner, "Public " + tag, Visibility.PUBLIC, List.of());
        Space unlisted = newSpace(owner, "Unlisted " + tag, Visibility.UNLISTED, List.of());
        Space priv = newSpace(owner, "Private " + tag, Visibility.PRIVATE,
                List.of(new Space.Member(member.id(), member.username(), member.displayName())));
        assertThat(list(SpaceRepository.Scope.PUBLIC_ONLY, other, tag)).containsExactly(pub.id());
        assertThat(list(SpaceRepository.Scope.VISIBLE_TO_MEMBER, other, tag)).containsExactly(pub.id());
        assertThat(list(SpaceRepository.Scope.VISIBLE_TO_MEMBER, member, tag)).containsExactly(priv.id(), pub.id());
        assertThat(list(SpaceRepository.Scope.VISIBLE_TO_MEMBER, owner, tag)).containsExactly(priv.id(), unlisted.id(), pub.id());
        assertThat(list(SpaceRepository.Scope.OWNED, owner, tag)).containsExactly(priv.id(), unlisted.id(), pub.id());
        assertThat(list(SpaceRepository.Scope.ALL, other, tag)).hasSize(3);
        assertThat(list(SpaceRepository.Scope.ALL, other, "PRIVATE " + tag.toUpperCase())).containsExactly(priv.id());

        SpaceRepository.Page<Space> page2 = db.spaces().list(new SpaceRepository.ListQuery(SpaceRepository.Scope.OWNED,
                owner.id(), tag, 2, 2));
        assertThat(page2.total()).isEqualTo(3);
        assertThat(page2.items()).extracting(Space::id).containsExactly(pub.id());
        SpaceRepository.Page<Space> empty = db.spaces().list(new SpaceRepository.ListQuery(SpaceRepository.Scope.OWNED,
                owner.id(), tag, 5, 2));
        assertThat(empty.items()).isEmpty();
        assertThat(empty.total()).isEqualTo(3);
    }

    @Test
    void keysArePutOnceAndSharedAfterwards() {
        String name = "key" + System.nanoTime();
        assertThat(db.keys().get(name)).isEmpty();
        assertThat(db.keys().putIfAbsent(name, "first")).isEqualTo("first");
        assertThat(db.keys().putIfAbsent(name, "second")).isEqualTo("first");
        assertThat(db.keys().get(name)).contains("first");
    }

    private List<SpaceId> list(SpaceRepository.Scope scope, User viewer, String q) {
        return db.spaces().list(new SpaceRepository.ListQuery(scope, viewer.id(), q, 1, 100)).items().stream()
                .map(Space::id).toList();
    }
}
