package dev.oncall.core.grouping;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** How a service gathers its new alerts into incidents. */
public enum GroupingMode {
    /** Every new alert opens its own incident (alerts with one dedup key are still one alert). */
    NONE,
    /** New alerts whose values at the chosen fields are equal join the open incident of their group. */
    CONTENT,
    /** New alerts join the incident of the group opened by the first of them, for a window after it. */
    TIME_WINDOW;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<GroupingMode> parse(String code) {
        return Codes.parse(GroupingMode.class, code);
    }
}
