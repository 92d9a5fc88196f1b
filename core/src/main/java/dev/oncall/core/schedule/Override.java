package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Fields;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code user} is on call for [start, end) instead of everyone the layers name (rule 6).
 *
 * <p>The name is the domain's, and it shadows {@code java.lang.Override} inside this package:
 * classes here write {@code @java.lang.Override}.
 */
public record Override(UserRef user, Instant start, Instant end) {
    public Override {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Problems problems = new Problems();
        check(problems, user.value(), start, end);
        problems.throwIfAny();
    }

    public static Override of(UserRef user, Instant start, Instant end) {
        return new Override(user, start, end);
    }

    /** Records every problem with these fields, the user as the text naming them; a null field was missing or unreadable and is skipped. */
    public static void check(Problems problems, String user, Instant start, Instant end) {
        Text.name(problems, "user", user, Fields.MAX_NAME_LENGTH);
        Fields.range(problems, start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
