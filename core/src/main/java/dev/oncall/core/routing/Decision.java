package dev.oncall.core.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * What a service's rules decided for one alert.
 *
 * @param ruleIndex the position of the rule that matched; empty when the catch-all applied
 * @param rule      that rule's name
 */
public record Decision(Optional<Integer> ruleIndex, Optional<String> rule, Actions actions) {
    public static final Decision NONE = new Decision(Optional.empty(), Optional.empty(), Actions.NONE);

    public Decision {
        Objects.requireNonNull(ruleIndex, "ruleIndex");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(actions, "actions");
    }

    public boolean matched() {
        return ruleIndex.isPresent();
    }
}
