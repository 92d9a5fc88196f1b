package dev.oncall.store.audit;

import dev.oncall.core.validation.Codes;

/** What the auditor can find wrong. */
public enum FindingKind {
    /** The cached segments of a bucket differ from the engine's evaluation of the configuration. */
    CACHE_MISMATCH,
    /** Shifts materialized from the current configuration differ from the engine's evaluation. */
    SHIFTS_MISMATCH,
    /** Shifts were materialized from an older configuration version (or never). */
    SHIFTS_STALE,
    /** No live worker heartbeat from a region. */
    REGION_SILENT,
    /** Escalation timers overdue beyond the threshold. */
    TIMERS_OVERDUE;

    public String code() {
        return Codes.of(this);
    }

    public static FindingKind parse(String code) {
        return Codes.parse(FindingKind.class, code).orElseThrow(() -> new IllegalStateException("unknown stored FindingKind " + code));
    }
}
