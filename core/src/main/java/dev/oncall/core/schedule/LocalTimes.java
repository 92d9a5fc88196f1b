package dev.oncall.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The one place where a wall-clock time in a schedule's zone becomes an instant (rule 1 of
 * docs/schedules.md). Everything else in the engine works on instants.
 */
public final class LocalTimes {
    private LocalTimes() {
    }

    /**
     * The first instant at which the wall clock in {@code zone} reads {@code local} or later:
     * the earlier of two occurrences when clocks go back, the instant of the jump when
     * {@code local} is skipped. Unlike {@code ZonedDateTime.ofLocal}, a skipped 02:30 becomes
     * 03:00 rather than 03:30, so the mapping never moves a time past a later one.
     */
    public static Instant toInstant(LocalDateTime local, ZoneId zone) {
        return toInstant(local, zone.getRules());
    }

    public static Instant toInstant(LocalDateTime local, ZoneRules rules) {
        if (rules.isFixedOffset()) {
            return local.toInstant(rules.getOffset(Instant.EPOCH));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return local.toInstant(rules.getOffset(local));
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        return local.toInstant(transition.getOffsetBefore());
    }

    /** What the wall clock in the zone reads at {@code instant}. */
    public static LocalDateTime wallClock(Instant instant, ZoneRules rules) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), rules.getOffset(instant));
    }
}
