package dev.oncall.api.ingest;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.AlertShape;
import dev.oncall.core.spec.Nodes;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.incident.AlertEvent;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An example event, as someone testing routing rules pastes it: an Events API v2 event (its
 * routing key and action may be left out), one Alertmanager alert, or a whole webhook body (its
 * first alert), told apart by {@link AlertShape}. Checked by the same parsers as ingest, which
 * take their fields from core ({@code EventsV2Alert}, {@code AlertmanagerAlert}), so the fields a
 * rule sees are the fields a real event would carry, here and in the CLI's {@code routing test}.
 */
public final class ExampleEvent {
    private ExampleEvent() {}

    /** @throws ValidationException with every problem, at paths under {@code field} */
    public static AlertFields read(String json, String field) {
        JsonNode root = inField(field, () -> Nodes.readTree(json, ScheduleSpec.Format.JSON));
        Problems problems = new Problems();
        Problems at = problems.at(field);
        if (root == null || !root.isObject()) {
            at.add("", "must be a JSON object: an Events API v2 event or an Alertmanager alert");
            problems.throwIfAny();
        }
        AlertShape shape = AlertShape.of(root);
        if (shape != AlertShape.EVENTS_V2) {
            ObjectNode body = shape == AlertShape.ALERTMANAGER_WEBHOOK ? (ObjectNode) root.deepCopy() : webhook(root);
            Optional<List<AlertEvent>> events = AlertmanagerParser.parse(body, at);
            problems.throwIfAny();
            return events.orElseThrow().stream().findFirst()
                    .orElseThrow(() -> ValidationException.of(field + ".alerts", "has no alert to test")).fields();
        }
        ObjectNode event = (ObjectNode) root.deepCopy();
        if (!event.has("routing_key")) {
            event.put("routing_key", "example");
        }
        if (!event.has("event_action")) {
            event.put("event_action", "trigger");
        }
        Optional<EventsV2Parser.Parsed> parsed = EventsV2Parser.parse(event, at);
        problems.throwIfAny();
        return parsed.orElseThrow().event().fields();
    }

    private static ObjectNode webhook(JsonNode alert) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("version", "4").put("status", "firing");
        ObjectNode copy = (ObjectNode) alert.deepCopy();
        if (!copy.has("status")) {
            copy.put("status", "firing");
        }
        body.putArray("alerts").add(copy);
        return body;
    }

    private static JsonNode inField(String field, java.util.function.Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (ValidationException e) {
            throw ValidationException.of(field, e.getMessage());
        }
    }
}
