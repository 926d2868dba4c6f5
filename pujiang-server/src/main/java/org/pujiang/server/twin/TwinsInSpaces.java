package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinCommandKind;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.realtime.SpaceTwins;
import org.pujiang.server.twin.TwinAcl.Permission;
import org.pujiang.space.SpaceId;
import org.pujiang.twin.state.Payloads;

/**
 * Twins as the people in a space see them: the state of the twins bound there, and commands from the space to a
 * device. A user may command only twins bound in the space they are in, and only with the twin's permission
 * (write for desired values, command for actions).
 */
public final class TwinsInSpaces implements SpaceTwins {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final TwinService twins;
    private final Executor blocking;
    private final java.util.function.Function<String, List<String>> openAlerts;

    /**
     * @param blocking where snapshots are assembled (they wait on the partitions)
     * @param openAlerts a twin's unresolved alerts, each as JSON, for joiners; may block
     */
    public TwinsInSpaces(TwinService twins, Executor blocking,
            java.util.function.Function<String, List<String>> openAlerts) {
        this.twins = twins;
        this.blocking = blocking;
        this.openAlerts = openAlerts;
    }

    @Override
    public CompletableFuture<Map<String, String>> snapshot(SpaceId space) {
        if (twins.bindings(space).isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            twins.snapshotForSpace(space).forEach((id, state) -> {
                var alerts = state.putArray("alerts");
                for (String a : openAlerts.apply(id)) {
                    try {
                        alerts.add(Payloads.mapper().readTree(a));
                    } catch (java.io.IOException e) {
                        // an alert that does not parse is left out of the snapshot
                    }
                }
                out.put(id, state.toString());
            });
            return out;
        }, blocking);
    }

    @Override
    public CompletableFuture<TwinReply> command(User user, SpaceId space, TwinCommand c) {
        int id = c.requestId();
        boolean bound = twins.bindings(space).stream().anyMatch(b -> b.twinId().equals(c.twin()));
        if (!bound) {
            return done(fail(id, "twin:not-bound", "twin " + TwinPartition.brief(c.twin()) + " is not shown in this space"));
        }
        Permission needed = c.kind() == TwinCommandKind.DESIRED ? Permission.WRITE : Permission.COMMAND;
        if (!twins.allows(user, c.twin(), needed)) {
            return done(fail(id, "twin:forbidden", "you may not " + (needed == Permission.WRITE ? "change" : "command")
                    + " this twin"));
        }
        JsonNode value;
        try {
            value = Payloads.mapper().readTree(c.json().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return done(fail(id, "twin:payload.malformed", "the value is not JSON"));
        }
        CompletableFuture<? extends JsonNode> answer;
        if (c.kind() == TwinCommandKind.DESIRED) {
            ObjectNode values = NODES.objectNode();
            values.set(c.name(), value);
            answer = twins.desireAsync(c.twin(), values, "user:" + user.id().value());
        } else {
            answer = twins.invokeAsync(c.twin(), c.name(), value);
        }
        return answer.handle((ok, e) -> {
            if (e == null) {
                String json = ok == null ? "null" : ok.toString();
                return json.length() > TwinReply.JSON_MAX_BYTES / 4 ? TwinReply.success(id, "null")
                        : TwinReply.success(id, json);
            }
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof ApiException api) {
                return fail(id, api.error().code(), api.getMessage());
            }
            return fail(id, "server:internal", "the command failed on the server");
        });
    }

    private static TwinReply fail(int id, String code, String message) {
        String m = message.length() > 400 ? message.substring(0, 400) + "…" : message;
        return new TwinReply(id, false, code, m, "null");
    }

    private static CompletableFuture<TwinReply> done(TwinReply r) {
        return CompletableFuture.completedFuture(r);
    }
}
