package dev.oncall.core.routing;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** How a condition compares an alert's value with the rule's: written in lower case in files and the API. */
public enum Operator {
    /** The value is exactly this text (case matters). */
    EQUALS,
    /** The value holds this text somewhere (case matters). */
    CONTAINS,
    /** The whole value matches this RE2 regular expression (anchored, like Alertmanager's matchers). */
    MATCHES,
    /** The alert carries the field at all (a label that is present, a non-empty summary). */
    EXISTS,
    /** The value is one of these texts. */
    IN;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<Operator> parse(String code) {
        return Codes.parse(Operator.class, code);
    }
}
