package dev.oncall.store.heartbeat;

import java.util.Locale;

/** The monitor's alert on its service, kept as an outbox so no trigger or resolve is lost. */
public enum AlertState {
    NONE,
    TRIGGER_PENDING,
    TRIGGERED,
    RESOLVE_PENDING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AlertState parse(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
