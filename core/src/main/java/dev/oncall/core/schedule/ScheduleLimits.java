package dev.oncall.core.schedule;

import dev.oncall.core.validation.Fields;
import java.time.Duration;
import java.time.Instant;

/**
 * Named limits on schedules, enforced at validation and documented for users in
 * docs/schedules.md. They bound the work one evaluation can cause, so a single schedule
 * cannot starve an escalation worker that evaluates it on every alert.
 */
public final class ScheduleLimits {
    /** Rotation layers in one schedule. */
    public static final int MAX_LAYERS = 20;
    /** Participants listed in one layer (a name may repeat; every entry counts). */
    public static final int MAX_PARTICIPANTS = 100;
    /** Restriction windows in one layer. */
    public static final int MAX_RESTRICTIONS = 50;
    /** Overrides kept in one schedule; old ones should be pruned by whoever stores them. */
    public static final int MAX_OVERRIDES = 2000;
    /** Cover requests kept in one schedule. */
    public static final int MAX_COVER_REQUESTS = 1000;
    /** Characters in a layer name, user id or cover request id. */
    public static final int MAX_NAME_LENGTH = Fields.MAX_NAME_LENGTH;
    /** The shortest rotation: anything shorter is a typo, and would make rendering expensive. */
    public static final Duration MIN_ROTATION_LENGTH = Duration.ofHours(1);
    /** The longest rotation, counting a month as 31 days and a year as 366. */
    public static final Duration MAX_ROTATION_LENGTH = Duration.ofDays(3660);
    /** The earliest instant a schedule may mention or be evaluated at. */
    public static final Instant EARLIEST = Fields.EARLIEST;
    /** The end of the supported time line: nothing at or after it is mentioned or evaluated. */
    public static final Instant LATEST = Fields.LATEST;

    private ScheduleLimits() {
    }

    /** True when {@code t} is inside [EARLIEST, LATEST]. */
    public static boolean supported(Instant t) {
        return Fields.supported(t);
    }
}
