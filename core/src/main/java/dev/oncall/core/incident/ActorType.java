package dev.oncall.core.incident;

import dev.oncall.core.validation.Codes;

/**
 * Who did something to an incident ({@code incident_events.actor_type}): the one list every
 * writer and reader of the log uses; the database refuses any other code (a CHECK constraint).
 */
public enum ActorType {
    /** A person. */
    USER,
    /** Oncall itself: the escalation engine, a timeout, a heartbeat monitor, the notifier. */
    SYSTEM,
    /** A monitoring tool or an API token, named by its key's id. */
    INTEGRATION,
    /**
     * A type this version does not know: a newer one wrote it (as {@link IncidentEventKind} may
     * meet an unknown kind). Only ever read, never written: the database refuses its code.
     */
    UNKNOWN;

    public String code() {
        return Codes.of(this);
    }

    /** The type stored as {@code code}; {@link #UNKNOWN} for a code this version does not know, so history still reads. */
    public static ActorType parse(String code) {
        return Codes.parse(ActorType.class, code).filter(t -> t != UNKNOWN).orElse(UNKNOWN);
    }
}
