package dev.oncall.core.user;

import java.util.Locale;
import java.util.Optional;

/** The channels a person can be reached on. */
public enum ContactMethodType {
    PUSH,
    SMS,
    VOICE,
    EMAIL,
    SLACK,
    WEBHOOK;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactMethodType> parse(String code) {
        for (ContactMethodType t : values()) {
            if (t.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
