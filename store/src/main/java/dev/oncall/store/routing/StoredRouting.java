package dev.oncall.store.routing;

import dev.oncall.core.routing.RoutingRules;
import dev.oncall.core.routing.SeverityUrgency;
import java.util.Objects;
import java.util.UUID;

/**
 * A service's routing configuration as stored.
 *
 * @param version of the rules: 0 until they are first set; replacing them names it
 */
public record StoredRouting(UUID serviceId, RoutingRules rules, SeverityUrgency severityUrgency, long version) {
    public StoredRouting {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(severityUrgency, "severityUrgency");
    }

    /** What a service that never had routing configured has: nothing changes its alerts. */
    public static StoredRouting none(UUID serviceId) {
        return new StoredRouting(serviceId, RoutingRules.NONE, SeverityUrgency.NONE, 0);
    }
}
