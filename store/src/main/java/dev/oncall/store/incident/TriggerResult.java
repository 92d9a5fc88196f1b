package dev.oncall.store.incident;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an alert event did, once committed.
 *
 * @param alertId    the alert it acted on; empty when an acknowledge or resolve found no open alert, or dropped
 * @param incidentId the alert's incident; empty also for alerts recorded during maintenance
 * @param dedupKey   the alert's dedup key (generated for a trigger that had none)
 */
public record TriggerResult(Outcome outcome, Optional<UUID> alertId, Optional<UUID> incidentId, String dedupKey) {
    public enum Outcome {
        /** A new alert and incident; its first escalation timer is due now. */
        CREATED,
        /** Counted on the open alert with this dedup key. */
        DEDUPLICATED,
        /** A new alert that joined the open incident of its group (the service groups alerts): nobody paged again. */
        GROUPED,
        /** The service is in maintenance, or a routing rule suppressed it: the alert is recorded, nobody is paged. */
        SUPPRESSED,
        /** A routing rule dropped it: nothing is recorded (a counter counts it, by service and rule). */
        DROPPED,
        ACKNOWLEDGED,
        RESOLVED,
        /** Acknowledge or resolve with no open alert (or already in that state): nothing changed. */
        IGNORED
    }

    public TriggerResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(dedupKey, "dedupKey");
    }
}
