package dev.oncall.core.routing;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.user.Urgency;
import java.util.Optional;

/** The routing decision for one alert: pure, so ingest, {@code testRouting} and the CLI agree. */
public final class Routing {
    private Routing() {
    }

    /** The first rule whose conditions all hold decides; else the catch-all. */
    public static Decision decide(RoutingRules rules, AlertFields alert) {
        for (int i = 0; i < rules.rules().size(); i++) {
            Rule rule = rules.rules().get(i);
            if (rule.matches(alert)) {
                return new Decision(Optional.of(i), Optional.of(rule.name()), rule.actions());
            }
        }
        return new Decision(Optional.empty(), Optional.empty(), rules.catchAll());
    }

    /**
     * A new incident's urgency: the urgency the decision set (a rule's or the catch-all's), else
     * what the severity map says of the alert's severity, else the service's default.
     */
    public static Urgency urgency(Decision decision, SeverityUrgency map, String severity, Urgency serviceDefault) {
        return decision.actions().urgency().or(() -> map.of(severity)).orElse(serviceDefault);
    }
}
