package dev.oncall.core.routing;

import dev.oncall.core.incident.Priority;
import dev.oncall.core.user.Urgency;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a matching rule (or the catch-all) does with an alert. {@code drop} does nothing else: the
 * alert is not recorded. {@code suppress} records it without paging, on the service it is routed
 * to if it is routed.
 *
 * @param routeTo  another service of the same team, which records the alert and pages its policy
 * @param urgency  the new incident's urgency, before the severity map and the service's default
 * @param priority the new incident's priority
 */
public record Actions(Optional<UUID> routeTo, Optional<Urgency> urgency, Optional<Priority> priority, boolean suppress,
                      boolean drop) {
    /** Nothing changes: the alert is handled as if the service had no rules. */
    public static final Actions NONE = new Actions(Optional.empty(), Optional.empty(), Optional.empty(), false, false);

    public Actions {
        Objects.requireNonNull(routeTo, "routeTo");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(priority, "priority");
        if (drop && (suppress || routeTo.isPresent() || urgency.isPresent() || priority.isPresent())) {
            throw new IllegalArgumentException("drop does nothing else: an alert dropped is not recorded anywhere");
        }
    }

    public static Actions dropping() {
        return new Actions(Optional.empty(), Optional.empty(), Optional.empty(), false, true);
    }

    public static Actions suppressing() {
        return new Actions(Optional.empty(), Optional.empty(), Optional.empty(), true, false);
    }

    public Actions withRouteTo(UUID service) {
        return new Actions(Optional.of(service), urgency, priority, suppress, drop);
    }

    public Actions withUrgency(Urgency u) {
        return new Actions(routeTo, Optional.of(u), priority, suppress, drop);
    }

    public Actions withPriority(Priority p) {
        return new Actions(routeTo, urgency, Optional.of(p), suppress, drop);
    }
}
