package org.pujiang.server.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.pujiang.server.twin.ingress.DeviceIngress;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;

/** A DeviceIngress that records what it is given and answers as the test says (accept by default). */
final class FakeIngress implements DeviceIngress {
    static final ObjectMapper JSON = new ObjectMapper();

    record RpcResponse(String twinId, long requestId, String payload) {}

    final Map<String, String> tokens = new ConcurrentHashMap<>(Map.of("tok-a", "pump-1", "tok-b", "pump-2"));
    final BlockingQueue<IngestRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<RpcResponse> rpcResponses = new LinkedBlockingQueue<>();
    final Map<String, DeviceLink> links = new ConcurrentHashMap<>();
    final AtomicInteger attaches = new AtomicInteger();
    final AtomicInteger registrationsClosed = new AtomicInteger();
    volatile Function<IngestRequest, CompletionStage<IngestResult>> responder = FakeIngress::accept;

    static CompletionStage<IngestResult> accept(IngestRequest r) {
        JsonNode shadow = null;
        if (r.kind() == IngestKind.SHADOW) {
            try {
                shadow = JSON.createObjectNode().put("version", 1)
                        .set("state", JSON.readTree(r.payload()).path("state"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return CompletableFuture.completedFuture(new IngestResult.Accepted(1, 1, shadow));
    }

    static Function<IngestRequest, CompletionStage<IngestResult>> reject(IngestResult.RejectReason reason,
            String message, String pointer) {
        return r -> CompletableFuture.completedFuture(new IngestResult.Rejected(reason, message, pointer));
    }

    @Override
    public Optional<String> twinOfToken(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public CompletionStage<IngestResult> ingest(IngestRequest request) {
        requests.add(request);
        return responder.apply(request);
    }

    @Override
    public Registration attach(String twinId, DeviceLink link) {
        attaches.incrementAndGet();
        links.put(twinId, link);
        return () -> {
            registrationsClosed.incrementAndGet();
            links.remove(twinId, link);
        };
    }

    @Override
    public void rpcResponse(String twinId, long requestId, byte[] payload) {
        rpcResponses.add(new RpcResponse(twinId, requestId, new String(payload, StandardCharsets.UTF_8)));
    }
}
