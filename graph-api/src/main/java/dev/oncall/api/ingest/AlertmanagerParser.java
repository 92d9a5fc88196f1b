package dev.oncall.api.ingest;

import dev.oncall.core.alert.AlertmanagerAlert;
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
 * resolves. Fields added by newer Alertmanager versions are ignored. What routing and grouping
 * read of a valid alert (its summary, source and severity derived from labels and annotations) is
 * core's {@link AlertmanagerAlert}.
 */
final class AlertmanagerParser {
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
            strings(alert.get("annotations"), "annotations", p, false);
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
            events.add(new AlertEvent(action, Optional.of(key), AlertmanagerAlert.fields(alert, root),
                    stored.toString()));
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
}
