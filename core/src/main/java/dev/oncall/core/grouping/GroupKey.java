package dev.oncall.core.grouping;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The group a new alert belongs to on its service. Two alerts with equal keys share the open
 * incident of their group.
 *
 * @param value      at most {@link #MAX_VALUE} characters, whatever the alert's values (content
 *                   keys are a digest), so it fits a unique index
 * @param joinsUntil for a group this alert would open: the instant from which it takes no more
 *                   alerts (time-window grouping); empty while its incident is open
 * @param shown      the values the group is defined by, by field path, for people reading the
 *                   incident (absent values are left out)
 */
public record GroupKey(String value, Optional<Instant> joinsUntil, Map<String, String> shown) {
    public static final int MAX_VALUE = 100;

    public GroupKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("a group key is 1 to " + MAX_VALUE + " characters");
        }
        Objects.requireNonNull(joinsUntil, "joinsUntil");
        shown = Map.copyOf(shown);
    }
}
