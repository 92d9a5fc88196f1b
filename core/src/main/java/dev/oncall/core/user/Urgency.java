package dev.oncall.core.user;

import java.util.Locale;
import java.util.Optional;

/** How loudly an incident pages: each person has separate notification rules per urgency. */
public enum Urgency {
    HIGH,
    LOW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Urgency> parse(String code) {
        for (Urgency u : values()) {
            if (u.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
