package dev.oncall.core.escalation;

import java.util.Locale;
import java.util.Optional;

/** Whom an escalation step pages: a schedule's on-call users, one user, or every member of a team. */
public enum TargetType {
    SCHEDULE,
    USER,
    TEAM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TargetType> parse(String code) {
        for (TargetType t : values()) {
            if (t.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
