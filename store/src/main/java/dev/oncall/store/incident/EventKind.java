package dev.oncall.store.incident;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventKind parse(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
