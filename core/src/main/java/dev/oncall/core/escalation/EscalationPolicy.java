package dev.oncall.core.escalation;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is paged, in which order, when an incident is not acknowledged. After the last step the
 * policy runs again {@code repeatCount} more times; then the whole team is notified and the
 * incident is marked exhausted.
 */
public record EscalationPolicy(UUID id, UUID teamId, String name, String description, int repeatCount,
                               long version, List<EscalationStep> steps) {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_REPEAT = 9;
    public static final int MAX_STEPS = 20;

    public EscalationPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(steps, "steps");
        steps = List.copyOf(steps);
        Problems problems = new Problems();
        check(problems, name, description, repeatCount, steps.size());
        problems.throwIfAny();
    }

    public static void check(Problems problems, String name, String description, int repeatCount, int stepCount) {
        Text.required(problems, "name", name, MAX_NAME);
        Text.optional(problems, "description", description, MAX_DESCRIPTION);
        if (repeatCount < 0 || repeatCount > MAX_REPEAT) {
            problems.add("repeatCount", "must be between 0 and " + MAX_REPEAT + ", got " + repeatCount);
        }
        if (stepCount == 0) {
            problems.add("steps", "a policy needs at least one step");
        } else if (stepCount > MAX_STEPS) {
            problems.add("steps", "at most " + MAX_STEPS + " steps per policy, got " + stepCount);
        }
    }
}
