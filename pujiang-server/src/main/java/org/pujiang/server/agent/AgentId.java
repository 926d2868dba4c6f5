package org.pujiang.server.agent;

import java.util.Optional;
import java.util.regex.Pattern;
import org.pujiang.server.auth.Ids;

/**
 * An agent's id: {@code ag_} and 32 hex digits of a time-ordered UUID. It is also the agent's user id inside a
 * space, which no account's (a bare UUID) can equal.
 */
public record AgentId(String value) {
    public static final String PREFIX = "ag_";
    private static final Pattern FORM = Pattern.compile("ag_[A-Za-z0-9_-]{1,61}");

    public AgentId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an agent id: '" + value + "'");
        }
    }

    public static AgentId newId() {
        return new AgentId(PREFIX + Ids.newId().toString().replace("-", ""));
    }

    /** The id, or empty when {@code text} is not one (null included). */
    public static Optional<AgentId> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new AgentId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
