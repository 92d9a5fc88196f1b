package dev.oncall.core.notify;

import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** What a person can do to an incident from a notification. */
public enum AckAction {
    ACKNOWLEDGE,
    RESOLVE;

    public String code() {
        return Codes.of(this);
    }

    /** Where the action leaves the incident: what a person is told was done ("acknowledged"). */
    public IncidentStatus result() {
        return switch (this) {
            case ACKNOWLEDGE -> IncidentStatus.ACKNOWLEDGED;
            case RESOLVE -> IncidentStatus.RESOLVED;
        };
    }

    public static Optional<AckAction> parse(String code) {
        return Codes.parse(AckAction.class, code);
    }
}
