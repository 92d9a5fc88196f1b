package dev.oncall.core.notify;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** What a person can do to an incident from a notification. */
public enum AckAction {
    ACKNOWLEDGE,
    RESOLVE;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<AckAction> parse(String code) {
        return Codes.parse(AckAction.class, code);
    }
}
