package org.pujiang.twin.rules;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> fromWire(String s) {
        for (Severity v : values()) {
            if (v.wireName().equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
