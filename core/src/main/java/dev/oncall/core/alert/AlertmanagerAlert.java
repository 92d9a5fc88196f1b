package dev.oncall.core.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The {@link AlertFields} of a Prometheus Alertmanager alert: its labels and annotations, and the
 * summary, source and severity derived from them. Reads only; ingest checks the webhook before it
 * asks (an entry that is not a string reads as absent here), so the service's ingest, its
 * {@code testRouting} and the CLI see the same fields.
 */
public final class AlertmanagerAlert {
    /** Alertmanager's customary severity labels, as the Events API's four severities; anything else is an error. */
    private static final Map<String, String> SEVERITY = Map.of(
            "critical", "critical", "page", "critical", "error", "error", "warning", "warning", "warn", "warning",
            "info", "info", "none", "info");
    private static final String DEFAULT_SEVERITY = "error";

    private AlertmanagerAlert() {}

    /**
     * One alert of a webhook.
     *
     * @param webhook the body it came in, whose {@code externalURL} is the source of an alert
     *                labelled with neither instance nor job; may be null
     */
    public static AlertFields fields(JsonNode alert, JsonNode webhook) {
        Map<String, String> labels = strings(alert == null ? null : alert.get("labels"));
        Map<String, String> annotations = strings(alert == null ? null : alert.get("annotations"));
        return new AlertFields(clip(summary(labels, annotations), AlertFields.MAX_SUMMARY),
                clip(source(labels, webhook), AlertFields.MAX_SOURCE), severity(labels), "", "", "", Map.of(),
                labels, annotations);
    }

    /** Every alert of a webhook body, in order; an entry that is not an object is skipped. */
    public static List<AlertFields> fieldsOf(JsonNode webhook) {
        JsonNode alerts = webhook == null ? null : webhook.get("alerts");
        List<AlertFields> out = new ArrayList<>();
        if (alerts != null && alerts.isArray()) {
            for (JsonNode alert : alerts) {
                if (alert.isObject()) {
                    out.add(fields(alert, webhook));
                }
            }
        }
        return out;
    }

    private static String severity(Map<String, String> labels) {
        return SEVERITY.getOrDefault(labels.getOrDefault("severity", "").toLowerCase(Locale.ROOT), DEFAULT_SEVERITY);
    }

    private static String summary(Map<String, String> labels, Map<String, String> annotations) {
        for (String a : new String[] {"summary", "description", "message"}) {
            String v = annotations.get(a);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        String name = labels.getOrDefault("alertname", "alert");
        String instance = labels.get("instance");
        return instance == null ? name : name + " on " + instance;
    }

    private static String source(Map<String, String> labels, JsonNode webhook) {
        for (String l : new String[] {"instance", "job"}) {
            if (labels.containsKey(l)) {
                return labels.get(l);
            }
        }
        JsonNode url = webhook == null ? null : webhook.get("externalURL");
        return url != null && url.isString() ? url.asString() : "alertmanager";
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        if (node != null && node.isObject()) {
            for (var e : node.properties()) {
                if (e.getValue().isString()) {
                    out.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return out;
    }

    /** The first {@code max} characters, one fewer rather than half of a surrogate pair (an emoji cut in two). */
    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }
}
