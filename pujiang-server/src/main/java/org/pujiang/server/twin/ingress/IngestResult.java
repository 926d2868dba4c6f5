package org.pujiang.server.twin.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What became of an ingested payload. */
public sealed interface IngestResult {
    /**
     * Applied: the twin's state holds the values and their history is queued.
     *
     * @param values how many property values were taken
     * @param version the twin's state version after the update
     * @param shadowAccepted for {@link IngestKind#SHADOW}, the body of {@code twins/{id}/update/accepted}; else null
     */
    record Accepted(int values, long version, JsonNode shadowAccepted) implements IngestResult {}

    /**
     * Refused; nothing changed.
     *
     * @param pointer RFC 6901 pointer into the payload to the offending value, {@code ""} for the whole payload
     */
    record Rejected(RejectReason reason, String message, String pointer) implements IngestResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(pointer, "pointer");
        }
    }

    /** Why a payload was refused. */
    enum RejectReason {
        /** Not JSON, or not the shape the topic expects. */
        MALFORMED("twin:payload.malformed", false),
        /** Fails the model: wrong type, out of range, unknown property. */
        INVALID("twin:payload.invalid", false),
        UNKNOWN_TWIN("twin:not-found", false),
        /** The device may not write this twin. */
        NOT_AUTHORISED("twin:not-authorised", false),
        /** The device sends faster than its per-device limit; try again later. */
        RATE_LIMITED("twin:rate-limited", true),
        /** A timestamp too far in the future or the past. */
        CLOCK_SKEW("twin:payload.clock-skew", false),
        /** History cannot keep up (queue full); try again later. */
        OVERLOADED("twin:overloaded", true);

        private final String code;
        private final boolean transientFailure;

        RejectReason(String code, boolean transientFailure) {
            this.code = code;
            this.transientFailure = transientFailure;
        }

        /** The error code shown to clients (REST {@code code}, MQTT error payloads). */
        public String code() {
            return code;
        }

        /** Whether the same payload may succeed later: the device should keep it and retry. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
