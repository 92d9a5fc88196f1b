package dev.oncall.core.incident;

import java.util.Optional;

/**
 * What an incoming event does, given the open alert (if any) with the same dedup key on the same
 * service. An alert is open until resolved; after that the key is free and a trigger opens a
 * new alert. Acknowledge and resolve only ever act on an open alert: they never create one.
 */
public final class Dedup {
    private Dedup() {}

    public enum Outcome {
        /** Open a new alert and incident. */
        CREATE,
        /** Same problem again: count it on the open alert, keep its incident as it is. */
        DEDUPLICATE,
        /** Acknowledge the open alert's incident. */
        ACKNOWLEDGE,
        /** Resolve the open alert and its incident. */
        RESOLVE,
        /** Nothing to do: no open alert, or it is already in the requested state. */
        IGNORE
    }

    public static Outcome decide(AlertAction action, Optional<IncidentStatus> openAlert) {
        return switch (action) {
            case TRIGGER -> openAlert.isPresent() ? Outcome.DEDUPLICATE : Outcome.CREATE;
            case ACKNOWLEDGE -> openAlert.filter(s -> s == IncidentStatus.TRIGGERED).isPresent()
                    ? Outcome.ACKNOWLEDGE : Outcome.IGNORE;
            case RESOLVE -> openAlert.isPresent() ? Outcome.RESOLVE : Outcome.IGNORE;
        };
    }
}
