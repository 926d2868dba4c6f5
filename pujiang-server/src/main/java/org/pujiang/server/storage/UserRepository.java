package org.pujiang.server.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;

/** Accounts. Implementations are thread-safe; every call is one short transaction. */
public interface UserRepository {
    /** An account with its password hash, for login only. */
    record Credentials(User user, String passwordHash) {}

    /**
     * Stores a new account.
     *
     * @param usernameKey the normalised username that must be unique
     * @param passwordHash the PHC-format hash, or null for a guest
     * @return false, with nothing written, when the username key is taken
     */
    boolean insert(User user, String usernameKey, String passwordHash);

    Optional<User> findById(UserId id);

    Optional<Credentials> findCredentials(String usernameKey);

    /** Accounts whose normalised usernames are among {@code usernameKeys}. */
    List<User> findByUsernameKeys(Collection<String> usernameKeys);

    /** @return false when no such account exists */
    boolean updatePassword(UserId id, String passwordHash, Instant now);

    long countByRole(Role role);

    /** Deletes guest accounts none of whose sessions outlive {@code now}. @return how many */
    int deleteStaleGuests(Instant now);
}
