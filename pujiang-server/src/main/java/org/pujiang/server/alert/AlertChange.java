package org.pujiang.server.alert;

import org.pujiang.server.storage.AlertRepository.AlertEvent;
import org.pujiang.server.storage.AlertRepository.StoredAlert;

/** An alert after one of its transitions (opened, acknowledged, resolved), as stored, with the transition. */
public record AlertChange(StoredAlert alert, AlertEvent event) {
    /** The webhook event type: alert.opened, alert.acknowledged or alert.resolved. */
    public String eventType() {
        return eventType(event.to());
    }

    static String eventType(org.pujiang.server.storage.AlertRepository.AlertState to) {
        return switch (to) {
            case OPEN -> "alert.opened";
            case ACKNOWLEDGED -> "alert.acknowledged";
            case RESOLVED -> "alert.resolved";
        };
    }
}
