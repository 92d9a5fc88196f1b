package dev.oncall.core.user;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** How loudly an incident pages: each person has separate notification rules per urgency. */
public enum Urgency {
    HIGH,
    LOW;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<Urgency> parse(String code) {
        return Codes.parse(Urgency.class, code);
    }
}
