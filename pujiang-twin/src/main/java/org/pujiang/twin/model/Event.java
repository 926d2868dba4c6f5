package org.pujiang.twin.model;

import java.util.Objects;

/**
 * An event affordance: something the device announces (an overheating, a jam).
 *
 * @param data schema of the event's payload, or null when it carries none
 */
public record Event(String name, String title, String description, DataSchema data) {
    public Event {
        Objects.requireNonNull(name, "name");
    }
}
