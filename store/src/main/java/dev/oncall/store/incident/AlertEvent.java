package dev.oncall.store.incident;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event from a monitoring tool or a person about one alert of a service, already parsed.
 *
 * @param dedupKey absent on a trigger: a new key is generated (and returned)
 * @param fields   what routing and grouping read; its severity is {@code error} when the event names none
 * @param payload  the event as received, as a JSON object, kept on the alert for display
 */
public record AlertEvent(AlertAction action, Optional<String> dedupKey, AlertFields fields, String payload) {
    public static final int MAX_SUMMARY = AlertFields.MAX_SUMMARY;
    public static final int MAX_DEDUP_KEY = 255;
    public static final int MAX_SOURCE = AlertFields.MAX_SOURCE;
    public static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    public AlertEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dedupKey, "dedupKey");
        fields = fields == null ? AlertFields.NONE : fields;
        fields = fields.severity().isEmpty() ? fields.withSeverity("error") : fields;
        payload = payload == null ? "{}" : payload;
        Problems problems = new Problems();
        check(problems, action, dedupKey, fields.summary(), fields.source(), fields.severity());
        problems.throwIfAny();
    }

    public static AlertEvent trigger(String dedupKey, String summary, String source, String severity, String payload) {
        return new AlertEvent(AlertAction.TRIGGER, Optional.ofNullable(dedupKey),
                AlertFields.basic(summary, source, severity), payload);
    }

    public static AlertEvent of(AlertAction action, String dedupKey) {
        return new AlertEvent(action, Optional.of(dedupKey), AlertFields.NONE, "{}");
    }

    public String summary() {
        return fields.summary();
    }

    public String source() {
        return fields.source();
    }

    public String severity() {
        return fields.severity();
    }

    public static void check(Problems problems, AlertAction action, Optional<String> dedupKey, String summary,
                             String source, String severity) {
        dedupKey.ifPresent(k -> {
            if (k.isEmpty()) {
                problems.add("dedup_key", "must not be empty");
            } else if (k.length() > MAX_DEDUP_KEY) {
                problems.add("dedup_key", "must be at most " + MAX_DEDUP_KEY + " characters, got " + k.length());
            } else {
                Text.line(problems, "dedup_key", k);
            }
        });
        if (action == AlertAction.TRIGGER) {
            if (summary.isBlank()) {
                problems.add("summary", "is required");
            } else if (summary.length() > MAX_SUMMARY) {
                problems.add("summary", "must be at most " + MAX_SUMMARY + " characters, got " + summary.length());
            } else {
                Text.freeText(problems, "summary", summary);
            }
            if (source.length() > MAX_SOURCE) {
                problems.add("source", "must be at most " + MAX_SOURCE + " characters, got " + source.length());
            } else {
                Text.freeText(problems, "source", source);
            }
            if (!SEVERITIES.contains(severity)) {
                problems.add("severity", "must be one of critical, error, warning, info, got \"" + severity + "\"");
            }
        } else if (dedupKey.isEmpty()) {
            problems.add("dedup_key", "is required to " + action.code());
        }
    }
}
