package dev.oncall.api.ingest;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.EventsV2Alert;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.store.incident.AlertEvent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a PagerDuty Events API v2 event: {@code routing_key}, {@code event_action},
 * {@code dedup_key}, {@code payload} (summary, source, severity, timestamp, component, group,
 * class, custom_details), {@code images}, {@code links}, {@code client}, {@code client_url}.
 * Every problem is reported with its field path; unknown fields are ignored. What routing and
 * grouping read of a valid trigger is core's {@link EventsV2Alert}.
 */
final class EventsV2Parser {
    static final int MAX_SHORT_TEXT = 1024;

    private EventsV2Parser() {}

    record Parsed(String routingKey, AlertEvent event) {}

    static Optional<Parsed> parse(JsonNode root, Problems problems) {
        BodyText.check(root, problems);
        String routingKey = key(root, "routing_key", problems, true, 64);
        String actionCode = key(root, "event_action", problems, true, 32);
        Optional<AlertAction> action = Optional.ofNullable(actionCode).flatMap(AlertAction::parse);
        if (actionCode != null && action.isEmpty()) {
            problems.add("event_action", "must be trigger, acknowledge or resolve, got \"" + actionCode + "\"");
        }
        String dedupKey = key(root, "dedup_key", problems, false, AlertEvent.MAX_DEDUP_KEY);
        if (action.isPresent() && action.get() != AlertAction.TRIGGER && dedupKey == null
                && !root.has("dedup_key")) {
            problems.add("dedup_key", "is required to " + action.get().code());
        }
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        JsonNode payload = root.get("payload");
        if (action.orElse(null) == AlertAction.TRIGGER) {
            if (payload == null || !payload.isObject()) {
                problems.add("payload", payload == null ? "is required to trigger" : "must be an object");
            } else {
                Problems p = problems.at("payload");
                text(payload, "summary", p, true, AlertEvent.MAX_SUMMARY);
                text(payload, "source", p, true, AlertEvent.MAX_SOURCE);
                String severity = key(payload, "severity", p, true, 16);
                if (severity != null && !AlertEvent.SEVERITIES.contains(severity)) {
                    p.add("severity", "must be one of critical, error, warning, info, got \"" + severity + "\"");
                }
                String timestamp = text(payload, "timestamp", p, false, 64);
                if (timestamp != null) {
                    if (!isTimestamp(timestamp)) {
                        p.add("timestamp", "must be an ISO 8601 date-time such as 2015-07-17T08:42:58.315+0000");
                    }
                }
                for (String field : new String[] {"component", "group", "class"}) {
                    text(payload, field, p, false, MAX_SHORT_TEXT);
                }
                stored.set("payload", payload);
            }
        }
        links(root, "images", "src", problems, stored);
        links(root, "links", "href", problems, stored);
        for (String field : new String[] {"client", "client_url"}) {
            String value = text(root, field, problems, false, MAX_SHORT_TEXT);
            if (value != null) {
                stored.put(field, value);
            }
        }
        if (!problems.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        // Routing and grouping read a trigger's fields only.
        AlertFields fields = action.get() == AlertAction.TRIGGER ? EventsV2Alert.fields(root) : AlertFields.NONE;
        return Optional.of(new Parsed(routingKey, new AlertEvent(action.get(), Optional.ofNullable(dedupKey), fields,
                stored.toString())));
    }

    /** ISO 8601 with the offset as +00:00, Z, or +0000 (the form PagerDuty's own examples use). */
    static boolean isTimestamp(String s) {
        for (DateTimeFormatter f : TIMESTAMPS) {
            try {
                OffsetDateTime.parse(s, f);
                return true;
            } catch (DateTimeParseException e) {
                // try the next accepted form
            }
        }
        return false;
    }

    private static final List<DateTimeFormatter> TIMESTAMPS = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .appendOffset("+HHMM", "Z").toFormatter());

    /**
     * A key (a routing or dedup key, an action, a severity): a {@link #text} on one line. Other
     * bad characters were reported for the whole body already ({@link BodyText}).
     */
    static String key(JsonNode node, String field, Problems problems, boolean required, int max) {
        String s = text(node, field, problems, required, max);
        if (s != null && Text.freeTextProblem(s).isEmpty() && !Text.line(problems, field, s)) {
            return null;
        }
        return s;
    }

    /** A string field: present and a string, not blank when required, at most {@code max} characters. */
    static String text(JsonNode node, String field, Problems problems, boolean required, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(field, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            problems.add(field, "must be a string");
            return null;
        }
        String s = value.asString();
        if (required && s.isBlank()) {
            problems.add(field, "must not be blank");
            return null;
        }
        if (s.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + s.length());
            return null;
        }
        return s;
    }

    private static void links(JsonNode root, String field, String required, Problems problems, ObjectNode stored) {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(field, "must be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                problems.add(field + "[" + i + "]", "must be an object");
            } else {
                text(item, required, problems.at(field + "[" + i + "]"), true, MAX_SHORT_TEXT);
            }
        }
        stored.set(field, list);
    }
}
