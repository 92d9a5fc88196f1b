package dev.oncall.core.notify;

import java.util.Locale;
import java.util.Optional;

/** What a person can do to an incident from a notification. */
public enum AckAction {
    ACKNOWLEDGE,
    RESOLVE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AckAction> parse(String code) {
        for (AckAction a : values()) {
            if (a.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
