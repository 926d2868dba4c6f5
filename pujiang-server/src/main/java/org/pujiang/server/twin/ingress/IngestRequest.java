package org.pujiang.server.twin.ingress;

import java.util.Objects;

/**
 * One payload from a device.
 *
 * @param source where it came from, kept in each property's metadata: {@code mqtt}, {@code http} or
 *     {@code bridge:NAME}
 */
public record IngestRequest(String twinId, IngestKind kind, byte[] payload, String source) {
    public IngestRequest {
        Objects.requireNonNull(twinId, "twinId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(source, "source");
    }
}
