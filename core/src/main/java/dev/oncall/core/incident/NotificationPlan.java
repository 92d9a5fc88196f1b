package dev.oncall.core.incident;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one person is paged for one step: which contact methods, each how long after the page.
 * Their notification rules for the incident's urgency decide; someone without rules for that
 * urgency is still reached, on every pageable method in priority order, a minute apart.
 * Only {@link ContactMethod#pageable() pageable} methods (verified, not disabled) are used: rules
 * naming any other are skipped, so a number nobody verified is never paged. Each method is used
 * at most once per page.
 */
public final class NotificationPlan {
    /** Gap between methods when a person has no rules for the urgency. */
    public static final Duration DEFAULT_GAP = Duration.ofSeconds(60);

    /** One notification to send: this method, this long after the step fired. */
    public record Planned(ContactMethod method, Duration delay) {
        public Planned {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(delay, "delay");
        }
    }

    private NotificationPlan() {}

    public static List<Planned> plan(Urgency urgency, List<NotificationRule> rules, List<ContactMethod> methods) {
        Map<UUID, ContactMethod> pageable = methods.stream().filter(ContactMethod::pageable)
                .collect(Collectors.toMap(ContactMethod::id, Function.identity()));
        List<Planned> fromRules = new ArrayList<>();
        for (NotificationRule rule : rules) {
            ContactMethod method = pageable.get(rule.contactMethodId());
            if (rule.urgency() == urgency && method != null) {
                fromRules.add(new Planned(method, rule.delay()));
            }
        }
        if (!fromRules.isEmpty()) {
            fromRules.sort(Comparator.comparing(Planned::delay).thenComparing(p -> p.method().priority())
                    .thenComparing(p -> p.method().id()));
            // One page per method per step (the idempotency key names the method): a second
            // rule for the same method adds nothing the first did not already send.
            Map<UUID, Planned> firstPerMethod = new java.util.LinkedHashMap<>();
            fromRules.forEach(p -> firstPerMethod.putIfAbsent(p.method().id(), p));
            return List.copyOf(firstPerMethod.values());
        }
        List<ContactMethod> ordered = pageable.values().stream()
                .sorted(Comparator.comparingInt(ContactMethod::priority).thenComparing(ContactMethod::id)).toList();
        List<Planned> byPriority = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            byPriority.add(new Planned(ordered.get(i), DEFAULT_GAP.multipliedBy(i)));
        }
        return List.copyOf(byPriority);
    }
}
