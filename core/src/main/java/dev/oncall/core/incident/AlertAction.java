package dev.oncall.core.incident;

import java.util.Locale;
import java.util.Optional;

/** What a monitoring tool says about an alert (PagerDuty Events API v2 {@code event_action}). */
public enum AlertAction {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertAction> parse(String code) {
        for (AlertAction a : values()) {
            if (a.code().equals(code)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
