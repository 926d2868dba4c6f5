package org.pujiang.server.twin.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What device endpoints call: the MQTT endpoint, HTTP ingestion and the external broker bridge. Implemented by
 * the twin service. Thread-safe and non-blocking; results complete on some other thread.
 */
public interface DeviceIngress {
    /** The twin a device token belongs to; empty when the token is unknown or revoked. Cached, cheap. */
    Optional<String> twinOfToken(String token);

    /**
     * Validates the payload against the twin's model, applies it to the twin's state and queues its history.
     * Completes once the values are accepted (applied, and their history queued) or rejected; never
     * exceptionally. A rejected payload changes nothing.
     */
    CompletionStage<IngestResult> ingest(IngestRequest request);

    /**
     * A connected device registers for what travels down to it: RPC requests and desired-state deltas. Close the
     * registration when the device disconnects. A later registration for the same twin replaces an earlier one.
     */
    Registration attach(String twinId, DeviceLink link);

    /** The device's answer to RPC request {@code requestId}; ignored when no such request is pending. */
    void rpcResponse(String twinId, long requestId, byte[] payload);

    /** Where a connected device's downlink goes. Called on the twin's partition thread: do not block. */
    interface DeviceLink {
        void rpcRequest(long requestId, String method, JsonNode params);

        /** The desired properties that differ from the reported ones, as a JSON object; {@code version} is the twin's. */
        void desiredDelta(JsonNode delta, long version);
    }

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
