package dev.oncall.store.incident;

import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.routing.RoutePlanner;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The receiving service's routing rules applied to each trigger of one ingest transaction,
 * before {@link AlertIngest} records it where {@link RoutePlanner} says (read once per
 * transaction). Acknowledge and resolve are not routed: they find the alert by dedup key where
 * the trigger was recorded ({@link AlertIngest#apply}). A person paging by hand chose the service
 * and the urgency: no rule applies to their page, so none can drop or quieten it.
 */
final class RoutedIngest {
    private final Service received;
    private final Optional<Urgency> chosen;
    private final Optional<RoutePlanner> planner;

    private RoutedIngest(Service received, Optional<Urgency> chosen, Optional<RoutePlanner> planner) {
        this.received = received;
        this.chosen = chosen;
        this.planner = planner;
    }

    static RoutedIngest load(JdbcClient db, Service received, Optional<Urgency> chosen) {
        return new RoutedIngest(received, chosen,
                chosen.isPresent() ? Optional.empty() : Optional.of(RoutePlanner.load(db, received)));
    }

    AlertIngest.Applied apply(JdbcClient db, AlertEvent event, String dedupKey, Actor actor, Channel channel,
                              String region, Instant now) {
        if (event.action() != AlertAction.TRIGGER || planner.isEmpty()) {
            return AlertIngest.apply(db, received, event, dedupKey, chosen, actor, channel, region, now);
        }
        RoutePlanner.Plan plan = planner.get().plan(db, event.fields());
        if (plan.drop()) {
            return new AlertIngest.Applied(new TriggerResult(TriggerResult.Outcome.DROPPED, Optional.empty(),
                    Optional.empty(), dedupKey), Optional.empty(), plan.decision().rule());
        }
        AlertIngest.Route route = new AlertIngest.Route(plan.service(), plan.receivedBy(), plan.urgency(),
                plan.priority(), plan.suppress(), plan.decision().rule());
        AlertIngest.Applied applied = AlertIngest.trigger(db, route, event, dedupKey, actor, channel, region, now);
        return new AlertIngest.Applied(applied.result(), applied.teamToWake(), plan.decision().rule());
    }
}
