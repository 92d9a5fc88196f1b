package dev.oncall.core.incident;

import java.util.Arrays;
import java.util.Optional;

/** How important an incident is, P1 (most) to P5, as PagerDuty writes it; set by routing rules. */
public enum Priority {
    P1, P2, P3, P4, P5;

    /** {@code P1} … {@code P5}, as written in the API, files and the database's 1 … 5. */
    public String code() {
        return name();
    }

    public int level() {
        return ordinal() + 1;
    }

    public static Optional<Priority> ofLevel(int level) {
        return level >= 1 && level <= 5 ? Optional.of(values()[level - 1]) : Optional.empty();
    }

    public static Optional<Priority> parse(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(code.strip())).findFirst();
    }
}
