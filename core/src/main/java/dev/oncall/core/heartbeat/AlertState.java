package dev.oncall.core.heartbeat;

import dev.oncall.core.validation.Codes;

/** The monitor's alert on its service, kept as an outbox so no trigger or resolve is lost. */
public enum AlertState {
    NONE,
    TRIGGER_PENDING,
    TRIGGERED,
    RESOLVE_PENDING;

    public String code() {
        return Codes.of(this);
    }

    public static AlertState parse(String code) {
        return Codes.parse(AlertState.class, code).orElseThrow(() -> new IllegalStateException("unknown stored AlertState " + code));
    }
}
