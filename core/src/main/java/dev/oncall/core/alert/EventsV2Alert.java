package dev.oncall.core.alert;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@link AlertFields} of a PagerDuty Events API v2 event: its {@code payload}'s summary,
 * source, severity, component, group, class and custom details. Reads only; what is required and
 * how long it may be is checked by ingest before it asks (a field of the wrong type reads as
 * absent here), so the service's ingest, its {@code testRouting} and the CLI see the same fields.
 */
public final class EventsV2Alert {
    private EventsV2Alert() {}

    public static AlertFields fields(JsonNode event) {
        JsonNode payload = event == null ? null : event.get("payload");
        if (payload == null || !payload.isObject()) {
            return AlertFields.NONE;
        }
        return new AlertFields(text(payload, "summary"), text(payload, "source"), text(payload, "severity"),
                text(payload, "component"), text(payload, "group"), text(payload, "class"), customDetails(payload),
                Map.of(), Map.of());
    }

    /**
     * {@code custom_details} as routing and grouping read it: each top-level entry as text, and the
     * whole value under the empty key (PagerDuty senders put a string there as often as an object).
     */
    private static Map<String, String> customDetails(JsonNode payload) {
        JsonNode details = payload.get("custom_details");
        if (details == null || details.isNull()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        out.put("", asText(details));
        if (details.isObject()) {
            details.properties().forEach(e -> out.put(e.getKey(), asText(e.getValue())));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }

    private static String asText(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }
}
