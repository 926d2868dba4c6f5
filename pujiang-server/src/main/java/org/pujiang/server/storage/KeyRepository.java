package org.pujiang.server.storage;

import java.util.Optional;

/** Server-wide secrets kept in the database so that every node of a cluster shares them. */
public interface KeyRepository {
    Optional<String> get(String name);

    /**
     * Stores {@code value} under {@code name} unless a value is already there.
     *
     * @return the value now stored: ours, or the one a concurrent starter wrote first
     */
    String putIfAbsent(String name, String value);
}
