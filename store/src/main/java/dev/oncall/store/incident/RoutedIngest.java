package dev.oncall.store.incident;

import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.routing.Decision;
import dev.oncall.core.routing.Routing;
import dev.oncall.core.routing.SeverityUrgency;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.routing.RoutingRepository;
import dev.oncall.store.routing.StoredRouting;
import dev.oncall.store.service.ServiceRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The receiving service's routing rules applied to each trigger of one ingest transaction,
 * before {@link AlertIngest}: the rules (and each route target) are read once per transaction.
 *
 * <p>Routing is one hop: an alert routed to another service of the team is recorded there, with
 * that service's policy, maintenance, severity map and default urgency, but that service's own
 * rules are not applied again (no loops, and one place decides). A route target that no longer
 * exists or has left the team keeps the alert on the receiving service: an alert is never lost
 * to a stale rule. Acknowledge and resolve are not routed; they find the alert by dedup key
 * where the trigger was recorded ({@link AlertIngest#apply}).
 */
final class RoutedIngest {
    private final Service received;
    private final StoredRouting routing;
    /** Set when a person pages by hand: their choice wins, and no rule drops or suppresses their page. */
    private final Optional<Urgency> chosen;
    private final Map<UUID, Optional<Target>> targets = new HashMap<>();

    private record Target(Service service, SeverityUrgency severityUrgency) {}

    private RoutedIngest(Service received, StoredRouting routing, Optional<Urgency> chosen) {
        this.received = received;
        this.routing = routing;
        this.chosen = chosen;
    }

    static RoutedIngest load(JdbcClient db, Service received, Optional<Urgency> chosen) {
        return new RoutedIngest(received, chosen.isPresent() ? StoredRouting.none(received.id())
                : RoutingRepository.load(db, received.id()), chosen);
    }

    AlertIngest.Applied apply(JdbcClient db, AlertEvent event, String dedupKey, Actor actor, Channel channel,
                              String region, Instant now) {
        if (event.action() != AlertAction.TRIGGER || chosen.isPresent()) {
            return AlertIngest.apply(db, received, event, dedupKey, chosen, actor, channel, region, now);
        }
        Decision decision = Routing.decide(routing.rules(), event.fields());
        if (decision.actions().drop()) {
            return new AlertIngest.Applied(new TriggerResult(TriggerResult.Outcome.DROPPED, Optional.empty(),
                    Optional.empty(), dedupKey), Optional.empty(), decision.rule());
        }
        Optional<Target> target = decision.actions().routeTo().flatMap(id -> target(db, id));
        Service service = target.map(Target::service).orElse(received);
        SeverityUrgency map = target.map(Target::severityUrgency).orElse(routing.severityUrgency());
        AlertIngest.Route route = new AlertIngest.Route(service, target.map(t -> received.id()),
                Routing.urgency(decision, map, event.severity(), service.defaultUrgency()),
                decision.actions().priority(), decision.actions().suppress(), decision.rule());
        AlertIngest.Applied applied = AlertIngest.trigger(db, route, event, dedupKey, actor, channel, region, now);
        return new AlertIngest.Applied(applied.result(), applied.teamToWake(), decision.rule());
    }

    private Optional<Target> target(JdbcClient db, UUID id) {
        return targets.computeIfAbsent(id, t -> ServiceRepository.load(db, t)
                .filter(s -> s.teamId().equals(received.teamId()) && !s.id().equals(received.id()))
                .map(s -> new Target(s, RoutingRepository.load(db, s.id()).severityUrgency())));
    }
}
