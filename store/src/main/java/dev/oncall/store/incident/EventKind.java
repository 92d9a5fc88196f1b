package dev.oncall.store.incident;

import dev.oncall.core.validation.Codes;

/** Everything that is recorded on an incident's event log (incident_events.kind). */
public enum EventKind {
    TRIGGERED,
    DEDUPLICATED,
    STEP_FIRED,
    INTENT_CREATED,
    ACKNOWLEDGED,
    RESOLVED,
    ESCALATED,
    REASSIGNED,
    NOTE,
    EXHAUSTED,
    RETRIGGERED;

    public String code() {
        return Codes.of(this);
    }

    public static EventKind parse(String code) {
        return Codes.parse(EventKind.class, code)
                .orElseThrow(() -> new IllegalArgumentException("unknown incident event kind " + code));
    }
}
