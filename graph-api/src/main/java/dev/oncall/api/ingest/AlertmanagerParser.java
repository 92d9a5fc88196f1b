package dev.oncall.api.ingest;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Prometheus Alertmanager's webhook (version 4): one alert event per entry of
 * {@code alerts}, keyed by its fingerprint, so each distinct label set is its own alert however
 * Alertmanager groups them. {@code firing} triggers (or counts again), {@code resolved}
 * resolves. Fields added by newer Alertmanager versions are ignored.
 */
final class AlertmanagerParser {
    private static final Map<String, String> SEVERITY = Map.of(
            "critical", "critical", "page", "critical", "error", "error", "warning", "warning", "warn", "warning",
            "info", "info", "none", "info");

    private AlertmanagerParser() {}

    static Optional<List<AlertEvent>> parse(JsonNode root, Problems problems) {
        BodyText.check(root, problems);
        JsonNode version = root.get("version");
        if (version != null && !version.isNull() && !"4".equals(version.asString(""))) {
            problems.add("version", "only webhook version 4 is understood, got " + version);
        }
        status(root, problems, false);
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            problems.add("alerts", alerts == null ? "is required" : "must be an array");
            return Optional.empty();
        }
        if (alerts.size() > IncidentCommands.MAX_BATCH) {
            problems.add("alerts", "at most " + IncidentCommands.MAX_BATCH + " alerts per request, got " + alerts.size());
            return Optional.empty();
        }
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Problems p = problems.at("alerts[" + i + "]");
            JsonNode alert = alerts.get(i);
            if (!alert.isObject()) {
                p.add("", "must be an object");
                continue;
            }
            String status = status(alert, p, true);
            Map<String, String> labels = strings(alert.get("labels"), "labels", p, true);
            Map<String, String> annotations = strings(alert.get("annotations"), "annotations", p, false);
            String fingerprint = EventsV2Parser.key(alert, "fingerprint", p, false, AlertEvent.MAX_DEDUP_KEY);
            if (!problems.isEmpty()) {
                // Only a body without problems becomes alerts; the rest is still checked, to list every problem.
                continue;
            }
            String key = fingerprint != null && !fingerprint.isBlank() ? fingerprint : fingerprintOf(labels);
            ObjectNode stored = JsonNodeFactory.instance.objectNode();
            stored.set("alert", alert);
            for (String field : new String[] {"receiver", "groupKey", "externalURL"}) {
                JsonNode v = root.get(field);
                if (v != null && v.isString()) {
                    stored.put(field, v.asString());
                }
            }
            AlertAction action = status.equals("firing") ? AlertAction.TRIGGER : AlertAction.RESOLVE;
            AlertFields fields = new AlertFields(clip(summary(labels, annotations), AlertEvent.MAX_SUMMARY),
                    clip(source(labels, root), AlertEvent.MAX_SOURCE),
                    SEVERITY.getOrDefault(labels.getOrDefault("severity", "").toLowerCase(java.util.Locale.ROOT), "error"),
                    "", "", "", Map.of(), labels, annotations);
            events.add(new AlertEvent(action, Optional.of(key), fields, stored.toString()));
        }
        return problems.isEmpty() ? Optional.of(events) : Optional.empty();
    }

    /** The group's or an alert's status: firing or resolved (Alertmanager sends nothing else). */
    private static String status(JsonNode node, Problems problems, boolean required) {
        String status = EventsV2Parser.key(node, "status", problems, required, 16);
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            problems.add("status", "must be firing or resolved, got \"" + Text.shown(status) + "\"");
            return null;
        }
        return status;
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

    private static String source(Map<String, String> labels, JsonNode root) {
        for (String l : new String[] {"instance", "job"}) {
            if (labels.containsKey(l)) {
                return labels.get(l);
            }
        }
        JsonNode url = root.get("externalURL");
        return url != null && url.isString() ? url.asString() : "alertmanager";
    }

    private static Map<String, String> strings(JsonNode node, String field, Problems p, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                p.add(field, "is required");
                return null;
            }
            return Map.of();
        }
        if (!node.isObject()) {
            p.add(field, "must be an object of strings");
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        for (var e : node.properties()) {
            if (!e.getValue().isString()) {
                p.add(field + "." + e.getKey(), "must be a string");
                return null;
            }
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }

    /** Alertmanager's fingerprint is absent only from very old versions: derive one from the labels. */
    private static String fingerprintOf(Map<String, String> labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            labels.forEach((k, v) -> sha.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code max} characters, one fewer rather than half of a surrogate pair (an emoji cut in two). */
    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }
}
