package dev.oncall.core.escalation;

import dev.oncall.core.validation.Problems;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One step of a policy: page every target, then wait {@code escalateAfter} for an
 * acknowledgement before moving to the next step.
 */
public record EscalationStep(Duration escalateAfter, List<StepTarget> targets) {
    public static final Duration MIN_ESCALATE_AFTER = Duration.ofSeconds(60);
    public static final Duration MAX_ESCALATE_AFTER = Duration.ofHours(24);
    public static final int MAX_TARGETS = 10;

    public EscalationStep {
        Objects.requireNonNull(targets, "targets");
        targets = List.copyOf(targets);
        Problems problems = new Problems();
        check(problems, escalateAfter, targets);
        problems.throwIfAny();
    }

    public static void check(Problems problems, Duration escalateAfter, List<StepTarget> targets) {
        if (escalateAfter == null) {
            problems.add("escalateAfterSeconds", "is required");
        } else if (escalateAfter.compareTo(MIN_ESCALATE_AFTER) < 0 || escalateAfter.compareTo(MAX_ESCALATE_AFTER) > 0) {
            problems.add("escalateAfterSeconds", "must be between 60 seconds and 24 hours, got " + escalateAfter.toSeconds() + " s");
        } else if (escalateAfter.getNano() != 0) {
            problems.add("escalateAfterSeconds", "must be whole seconds");
        }
        if (targets == null || targets.isEmpty()) {
            problems.add("targets", "a step needs at least one target");
        } else if (targets.size() > MAX_TARGETS) {
            problems.add("targets", "at most " + MAX_TARGETS + " targets per step, got " + targets.size());
        } else if (new HashSet<>(targets).size() != targets.size()) {
            problems.add("targets", "lists the same target twice");
        }
    }
}
