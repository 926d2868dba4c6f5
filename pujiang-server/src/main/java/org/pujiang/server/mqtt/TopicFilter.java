package org.pujiang.server.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An MQTT topic filter ({@code /}-separated levels, {@code +} one whole level, {@code #} the rest) that also
 * says what its wildcards matched. Immutable; any thread.
 */
public final class TopicFilter {
    private final String filter;
    private final String[] levels;
    private final int wildcards;

    private TopicFilter(String filter) {
        this.filter = filter;
        this.levels = filter.split("/", -1);
        int count = 0;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                if (i != levels.length - 1) {
                    throw new IllegalArgumentException("'#' must be the last level of topic filter '" + filter + "'");
                }
                count++;
            } else if (level.equals("+")) {
                count++;
            } else if (level.contains("+") || level.contains("#")) {
                throw new IllegalArgumentException("'+' and '#' must fill a whole level of topic filter '" + filter + "'");
            }
        }
        this.wildcards = count;
    }

    /** Parses and checks {@code filter} (MQTT 3.1.1 §4.7); throws IllegalArgumentException when it is not one. */
    public static TopicFilter of(String filter) {
        Objects.requireNonNull(filter, "filter");
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("empty topic filter");
        }
        if (filter.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in topic filter");
        }
        return new TopicFilter(filter);
    }

    public String filter() {
        return filter;
    }

    /** How many wildcard levels ({@code +} and {@code #}) the filter has. */
    public int wildcards() {
        return wildcards;
    }

    public boolean matches(String topic) {
        return match(topic) != null;
    }

    /**
     * What the wildcards matched, in order ({@code #} as the remaining levels joined by {@code /}, possibly
     * empty), or null when {@code topic} does not match. Topics starting with {@code $} never match a filter that
     * starts with a wildcard (§4.7.2).
     */
    public List<String> match(String topic) {
        if (topic.startsWith("$") && (levels[0].equals("+") || levels[0].equals("#"))) {
            return null;
        }
        String[] parts = topic.split("/", -1);
        List<String> captured = wildcards == 0 ? List.of() : new ArrayList<>(wildcards);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                // "a/#" also matches "a" itself (§4.7.1.2): the rest is then empty
                captured.add(i >= parts.length ? "" : String.join("/", Arrays.copyOfRange(parts, i, parts.length)));
                return captured;
            }
            if (i >= parts.length) {
                return null;
            }
            if (level.equals("+")) {
                captured.add(parts[i]);
            } else if (!level.equals(parts[i])) {
                return null;
            }
        }
        return parts.length == levels.length ? captured : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter other && other.filter.equals(filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return filter;
    }
}
