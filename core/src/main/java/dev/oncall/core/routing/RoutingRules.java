package dev.oncall.core.routing;

import dev.oncall.core.validation.Problems;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A service's routing rules: tried in order, the first that matches decides; when none does,
 * the catch-all's actions apply ({@link Actions#NONE}: the alert is handled as it always was).
 */
public record RoutingRules(List<Rule> rules, Actions catchAll) {
    public static final RoutingRules NONE = new RoutingRules(List.of(), Actions.NONE);

    public RoutingRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(catchAll, "catchAll");
        Problems problems = new Problems();
        check(problems, rules.stream().map(Rule::name).toList());
        problems.throwIfAny();
    }

    /** Every service the rules and the catch-all route to, for checking they exist and belong to the team. */
    public Set<UUID> routeTargets() {
        Set<UUID> targets = new HashSet<>();
        rules.forEach(r -> r.actions().routeTo().ifPresent(targets::add));
        catchAll.routeTo().ifPresent(targets::add);
        return targets;
    }

    static void check(Problems problems, List<String> names) {
        if (names.size() > RoutingLimits.MAX_RULES) {
            problems.add("rules", "at most " + RoutingLimits.MAX_RULES + " rules per service, got " + names.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null && !seen.add(names.get(i))) {
                problems.add("rules[" + i + "].name", "another rule is already named \"" + names.get(i)
                        + "\": names tell rules apart in counts and tests");
            }
        }
    }
}
