package dev.oncall.core.routing;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.List;
import java.util.Objects;

/** A named rule: when every condition holds (always, when there is none), its actions apply. */
public record Rule(String name, List<Condition> conditions, Actions actions) {
    public Rule {
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(actions, "actions");
        Problems problems = new Problems();
        check(problems, name, conditions.size());
        problems.throwIfAny();
    }

    public boolean matches(AlertFields alert) {
        for (Condition c : conditions) {
            if (!c.test(alert)) {
                return false;
            }
        }
        return true;
    }

    static void check(Problems problems, String name, int conditions) {
        Text.required(problems, "name", name, RoutingLimits.MAX_NAME);
        if (conditions > RoutingLimits.MAX_CONDITIONS) {
            problems.add("conditions", "at most " + RoutingLimits.MAX_CONDITIONS + " conditions per rule, got "
                    + conditions);
        }
    }
}
