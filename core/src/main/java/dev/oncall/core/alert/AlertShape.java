package dev.oncall.core.alert;

import tools.jackson.databind.JsonNode;

/**
 * What an example event pasted to test routing rules is, told by its shape: a webhook body has
 * {@code alerts}, an Alertmanager alert has {@code labels}, anything else is read as an Events
 * API v2 event (whose routing key and action may be left out).
 */
public enum AlertShape {
    EVENTS_V2,
    ALERTMANAGER_ALERT,
    ALERTMANAGER_WEBHOOK;

    public static AlertShape of(JsonNode root) {
        if (root.has("alerts")) {
            return ALERTMANAGER_WEBHOOK;
        }
        return root.has("labels") ? ALERTMANAGER_ALERT : EVENTS_V2;
    }
}
