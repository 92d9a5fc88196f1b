package dev.oncall.core.alert;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What routing rules and grouping can see of one alert event, the same whichever integration
 * sent it: the Events API's payload fields, or an Alertmanager alert's labels and annotations
 * (whose summary, source and severity are derived from them). Absent values are empty strings
 * and empty maps, so a condition reads "not there" the same way for every field.
 *
 * @param customDetails the top-level entries of {@code custom_details} as text (strings as they
 *                      are, anything else as compact JSON); the whole value, whatever its type,
 *                      under the empty key
 */
public record AlertFields(String summary, String source, String severity, String component, String group,
                          String className, Map<String, String> customDetails, Map<String, String> labels,
                          Map<String, String> annotations) {
    /** The longest summary an alert keeps (Alertmanager's derived summaries are clipped to it). */
    public static final int MAX_SUMMARY = 1024;
    /** The longest source an alert keeps. */
    public static final int MAX_SOURCE = 255;
    public static final AlertFields NONE = new AlertFields("", "", "", "", "", "", Map.of(), Map.of(), Map.of());

    public AlertFields {
        summary = Objects.requireNonNullElse(summary, "");
        source = Objects.requireNonNullElse(source, "");
        severity = Objects.requireNonNullElse(severity, "");
        component = Objects.requireNonNullElse(component, "");
        group = Objects.requireNonNullElse(group, "");
        className = Objects.requireNonNullElse(className, "");
        customDetails = Map.copyOf(Objects.requireNonNullElse(customDetails, Map.of()));
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        annotations = Map.copyOf(Objects.requireNonNullElse(annotations, Map.of()));
    }

    /** Only the three fields every alert has (an alert raised by hand, or from a heartbeat). */
    public static AlertFields basic(String summary, String source, String severity) {
        return new AlertFields(summary, source, severity, "", "", "", Map.of(), Map.of(), Map.of());
    }

    /** The value at {@code path}; empty when the alert does not carry it (an absent label, an empty component). */
    public Optional<String> value(FieldPath path) {
        String v = switch (path.field()) {
            case SUMMARY -> summary;
            case SOURCE -> source;
            case SEVERITY -> severity;
            case COMPONENT -> component;
            case GROUP -> group;
            case CLASS -> className;
            case CUSTOM_DETAILS -> customDetails.get(path.key().orElse(""));
            case LABELS -> labels.get(path.key().orElseThrow());
            case ANNOTATIONS -> annotations.get(path.key().orElseThrow());
        };
        return v == null || v.isEmpty() && path.key().isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** These fields with {@code severity} instead (an event that names none is an {@code error}). */
    public AlertFields withSeverity(String s) {
        return new AlertFields(summary, source, s, component, group, className, customDetails, labels, annotations);
    }
}
