package dev.oncall.core.user;

import dev.oncall.core.validation.Codes;
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
        return Codes.of(this);
    }

    public static Optional<ContactMethodType> parse(String code) {
        return Codes.parse(ContactMethodType.class, code);
    }
}
