package dev.oncall.core.escalation;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** Whom an escalation step pages: a schedule's on-call users, one user, or every member of a team. */
public enum TargetType {
    SCHEDULE,
    USER,
    TEAM;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<TargetType> parse(String code) {
        return Codes.parse(TargetType.class, code);
    }
}
