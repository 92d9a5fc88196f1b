package dev.oncall.core.routing;

import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Codes;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's map from an alert's severity to the urgency its incident pages with. A severity
 * the map does not name falls back to the service's default urgency; an empty map (the default)
 * changes nothing.
 */
public record SeverityUrgency(Map<Severity, Urgency> map) {
    public static final SeverityUrgency NONE = new SeverityUrgency(Map.of());

    /** The four severities of PagerDuty's Events API (Alertmanager's are mapped onto them when parsed). */
    public enum Severity {
        CRITICAL, ERROR, WARNING, INFO;

        public String code() {
            return Codes.of(this);
        }

        public static Optional<Severity> parse(String code) {
            return Codes.parse(Severity.class, code);
        }
    }

    public SeverityUrgency {
        Objects.requireNonNull(map, "map");
        map = map.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(map));
    }

    public Optional<Urgency> of(String severity) {
        return Severity.parse(severity).map(map::get);
    }

    /**
     * Reads a map written with codes ({@code critical: high}), recording each unknown severity or
     * urgency under {@code field.<severity>}; empty when anything was wrong.
     */
    public static Optional<SeverityUrgency> parse(Map<String, String> codes, Problems problems, String field) {
        Map<Severity, Urgency> out = new EnumMap<>(Severity.class);
        int before = problems.count();
        codes.forEach((severity, urgency) -> {
            Optional<Severity> s = Severity.parse(severity);
            Optional<Urgency> u = Urgency.parse(urgency);
            if (s.isEmpty()) {
                problems.add(field, "unknown severity \"" + Text.shown(severity)
                        + "\": expected critical, error, warning or info");
            } else if (u.isEmpty()) {
                problems.add(field + "." + s.get().code(), "must be high or low, got \""
                        + Text.shown(String.valueOf(urgency)) + "\"");
            } else {
                out.put(s.get(), u.get());
            }
        });
        return problems.count() > before ? Optional.empty() : Optional.of(new SeverityUrgency(out));
    }
}
