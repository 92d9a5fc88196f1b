package dev.oncall.core.user;

import dev.oncall.core.validation.Problems;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** "When I am paged at this urgency, use this contact method after this delay." */
public record NotificationRule(UUID id, UUID userId, UUID contactMethodId, Duration delay, Urgency urgency) {
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    public NotificationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(contactMethodId, "contactMethodId");
        Objects.requireNonNull(urgency, "urgency");
        Problems problems = new Problems();
        check(problems, delay);
        problems.throwIfAny();
    }

    public static void check(Problems problems, Duration delay) {
        if (delay == null) {
            problems.add("delay", "is required");
        } else if (delay.isNegative()) {
            problems.add("delay", "must not be negative, got " + delay.toSeconds() + " s");
        } else if (delay.compareTo(MAX_DELAY) > 0) {
            problems.add("delay", "must be at most " + MAX_DELAY.toMinutes() + " minutes, got " + delay.toSeconds() + " s");
        } else if (delay.getNano() != 0) {
            problems.add("delay", "must be whole seconds");
        }
    }
}
