package org.pujiang.server.twin.ingress;

/** The shape of an ingested payload. */
public enum IngestKind {
    /**
     * ThingsBoard telemetry: {@code {"p": v, ...}}, {@code {"ts": epochMs, "values": {...}}}, or an array of
     * either. Every value is kept in history.
     */
    TELEMETRY,
    /** ThingsBoard client attributes {@code {"p": v, ...}}: reported state; history only where the model asks. */
    ATTRIBUTES,
    /** Shadow update {@code {"state": {"reported": {...}}, "clientToken"?: "..."}}. */
    SHADOW
}
