package org.pujiang.agent.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An {@link Answerer} whose answers the test gives later, as a retrieval pool would (on another thread if asked). */
final class FakeAnswerer implements Answerer {
    record Ask(String question, String lang, CompletableFuture<AgentReply> future) {
        /** Completes on a thread of its own and waits for it, as the server's pool would. */
        void answerFromAnotherThread(AgentReply reply) {
            Thread t = Thread.ofPlatform().start(() -> future.complete(reply));
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    final List<Ask> asks = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<AgentReply> ask(String question, String lang) {
        Ask a = new Ask(question, lang, new CompletableFuture<>());
        asks.add(a);
        return a.future();
    }

    synchronized Ask last() {
        return asks.getLast();
    }
}
