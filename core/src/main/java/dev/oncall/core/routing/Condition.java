package dev.oncall.core.routing;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.FieldPath;
import java.util.Objects;

/**
 * One test of a rule on one field of the alert, e.g. {@code labels.severity equals critical};
 * {@code negated} turns it around ({@code labels.env} not in {@code [dev, test]}; not exists:
 * the alert lacks the field).
 */
public record Condition(FieldPath field, Match match, boolean negated) {
    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(match, "match");
    }

    public boolean test(AlertFields alert) {
        return match.test(alert.value(field)) != negated;
    }
}
