package dev.oncall.store.routing;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.routing.Decision;
import dev.oncall.core.routing.Routing;
import dev.oncall.core.routing.SeverityUrgency;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.service.ServiceRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where and how a receiving service's routing rules send each trigger, inside the caller's
 * transaction: ingest records what it plans, {@code testRouting} shows it. The rules are read
 * once per planner, each route target once.
 *
 * <p>Routing is one hop: an alert routed to another service of the team is recorded there, with
 * that service's policy, maintenance, severity map and default urgency, but that service's own
 * rules are not applied again (no loops, and one place decides). A route target that no longer
 * exists or has left the team keeps the alert on the receiving service: an alert is never lost
 * to a stale rule.
 */
public final class RoutePlanner {
    private final Service received;
    private final StoredRouting routing;
    private final Map<UUID, Optional<Target>> targets = new HashMap<>();

    private record Target(Service service, SeverityUrgency severityUrgency) {}

    /**
     * What the rules decided for one trigger.
     *
     * @param service    where the alert is recorded (the receiving service unless routed)
     * @param receivedBy the receiving service, when the alert was routed away from it
     * @param urgency    of a new incident: the decision's, else the recording service's severity map, else its default
     */
    public record Plan(Decision decision, Service service, Optional<UUID> receivedBy, Urgency urgency,
                       Optional<Priority> priority) {
        public boolean drop() {
            return decision.actions().drop();
        }

        public boolean suppress() {
            return decision.actions().suppress();
        }
    }

    private RoutePlanner(Service received, StoredRouting routing) {
        this.received = received;
        this.routing = routing;
    }

    public static RoutePlanner load(JdbcClient db, Service received) {
        return new RoutePlanner(received, RoutingRepository.load(db, received.id()));
    }

    public Plan plan(JdbcClient db, AlertFields alert) {
        Decision decision = Routing.decide(routing.rules(), alert);
        Optional<Target> target = decision.actions().routeTo().flatMap(id -> target(db, id));
        Service service = target.map(Target::service).orElse(received);
        SeverityUrgency map = target.map(Target::severityUrgency).orElse(routing.severityUrgency());
        return new Plan(decision, service, target.map(t -> received.id()),
                Routing.urgency(decision, map, alert.severity(), service.defaultUrgency()),
                decision.actions().priority());
    }

    private Optional<Target> target(JdbcClient db, UUID id) {
        return targets.computeIfAbsent(id, t -> ServiceRepository.load(db, t)
                .filter(s -> s.teamId().equals(received.teamId()) && !s.id().equals(received.id()))
                .map(s -> new Target(s, RoutingRepository.load(db, s.id()).severityUrgency())));
    }
}
