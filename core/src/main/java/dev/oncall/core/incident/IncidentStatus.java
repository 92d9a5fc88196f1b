package dev.oncall.core.incident;

import java.util.Locale;
import java.util.Optional;

/** Where an incident (and its alert) is in its life: paging, someone is on it, or over. */
public enum IncidentStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentStatus> parse(String code) {
        for (IncidentStatus s : values()) {
            if (s.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
