package dev.oncall.core.incident;

import dev.oncall.core.escalation.EscalationStep;
import java.time.Duration;
import java.util.Objects;

/** What firing an escalation timer does to its incident. */
public sealed interface FireDecision {

    /**
     * The timer no longer matches the incident (acknowledged, resolved, already fired, moved on
     * by a manual escalation): drop it, page nobody.
     */
    record Stale(String reason) implements FireDecision {
        public Stale {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Page every target of {@code step} of {@code loop}; then arm {@code next} to fire
     * {@code waitBeforeNext} later unless someone acknowledges.
     */
    record NotifyStep(int step, int loop, EscalationStep targets, EscalationState next, Duration waitBeforeNext)
            implements FireDecision {
        public NotifyStep {
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(waitBeforeNext, "waitBeforeNext");
        }
    }

    /**
     * Every step of every repeat has passed unanswered: page the whole team once and mark the
     * incident exhausted. No timer follows.
     */
    record Exhaust(int loop, EscalationState next) implements FireDecision {
        public Exhaust {
            Objects.requireNonNull(next, "next");
        }
    }
}
