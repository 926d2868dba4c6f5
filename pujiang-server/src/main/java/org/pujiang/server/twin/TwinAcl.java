package org.pujiang.server.twin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;

/**
 * Who may do what with a twin, besides its owner and the admins and operators, who may do everything. Each list
 * holds principals: {@code "*"} (anyone signed in, guests too), {@code "registered"} (anyone but guests),
 * {@code "role:member"} / {@code "role:operator"}, or a user id.
 *
 * @param read see the twin, its state and history
 * @param write change its desired state, attributes, links and bindings
 * @param command invoke its actions
 */
public record TwinAcl(List<String> read, List<String> write, List<String> command) {
    public static final TwinAcl PRIVATE = new TwinAcl(List.of(), List.of(), List.of());
    private static final int MAX_ENTRIES = 100;

    public TwinAcl {
        read = List.copyOf(read);
        write = List.copyOf(write);
        command = List.copyOf(command);
    }

    /** What a user may do. */
    public enum Permission {
        READ, WRITE, COMMAND
    }

    public boolean allows(User user, UserId owner, Permission permission) {
        if (user.role().managesAllSpaces() || user.id().equals(owner)) {
            return true;
        }
        List<String> entries = switch (permission) {
            case READ -> read;
            case WRITE -> write;
            case COMMAND -> command;
        };
        // Writers and commanders may read what they act on.
        if (permission == Permission.READ && (matches(write, user) || matches(command, user))) {
            return true;
        }
        return matches(entries, user);
    }

    private static boolean matches(List<String> entries, User user) {
        for (String e : entries) {
            if (e.equals("*") || (e.equals("registered") && user.role() != Role.GUEST)
                    || e.equals("role:" + user.role().wireName()) || e.equals(user.id().value().toString())) {
                return true;
            }
        }
        return false;
    }

    public JsonObject toJson() {
        return new JsonObject().put("read", new JsonArray(read)).put("write", new JsonArray(write))
                .put("command", new JsonArray(command));
    }

    /** Reads {@code {read?, write?, command?}}; unknown principals are refused so a typo does not open nothing. */
    public static TwinAcl fromJson(JsonObject o, String field) {
        for (String key : o.fieldNames()) {
            if (!List.of("read", "write", "command").contains(key)) {
                throw ApiException.invalid(field + "." + key, "acl has read, write and command lists only");
            }
        }
        return new TwinAcl(list(o, "read", field), list(o, "write", field), list(o, "command", field));
    }

    private static List<String> list(JsonObject o, String key, String field) {
        Object v = o.getValue(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > MAX_ENTRIES) {
            throw ApiException.invalid(field + "." + key, key + " must be a list of at most " + MAX_ENTRIES
                    + " principals");
        }
        List<String> out = new ArrayList<>();
        for (Object e : a) {
            if (!(e instanceof String s) || !valid(s)) {
                throw ApiException.invalid(field + "." + key, "a principal is \"*\", \"registered\", \"role:NAME\""
                        + " or a user id, got " + e);
            }
            out.add(s.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean valid(String s) {
        if (s.equals("*") || s.equals("registered")) {
            return true;
        }
        if (s.startsWith("role:")) {
            return Role.fromWire(s.substring(5)).isPresent();
        }
        try {
            java.util.UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
