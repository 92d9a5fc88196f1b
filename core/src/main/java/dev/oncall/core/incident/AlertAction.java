package dev.oncall.core.incident;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** What a monitoring tool says about an alert (PagerDuty Events API v2 {@code event_action}). */
public enum AlertAction {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<AlertAction> parse(String code) {
        return Codes.parse(AlertAction.class, code);
    }
}
