package org.pujiang.server.realtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.server.auth.User;
import org.pujiang.space.SpaceId;

/** What the real-time gateway needs of the twins shown in spaces. Non-blocking; futures complete on any thread. */
public interface SpaceTwins {
    SpaceTwins NONE = new SpaceTwins() {
        @Override
        public CompletableFuture<Map<String, String>> snapshot(SpaceId space) {
            return CompletableFuture.completedFuture(Map.of());
        }

        @Override
        public CompletableFuture<TwinReply> command(User user, SpaceId space, TwinCommand command) {
            return CompletableFuture.completedFuture(new TwinReply(command.requestId(), false, "twin:not-found",
                    "twins are not available on this server", "null"));
        }
    };

    /** The full state of every twin bound in the space, twin id to update JSON, for a client that just joined. */
    CompletableFuture<Map<String, String>> snapshot(SpaceId space);

    /** Carries out a user's command on a twin bound in the space they are in; always completes with a reply. */
    CompletableFuture<TwinReply> command(User user, SpaceId space, TwinCommand command);
}
