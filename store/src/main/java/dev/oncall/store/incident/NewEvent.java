package dev.oncall.store.incident;

import dev.oncall.core.incident.IncidentEventKind;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** An event about to be appended to an incident's log. */
record NewEvent(IncidentEventKind kind, ObjectNode data) {
    NewEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
    }

    static NewEvent of(IncidentEventKind kind) {
        return new NewEvent(kind, JsonNodeFactory.instance.objectNode());
    }

    NewEvent with(String field, Object value) {
        switch (value) {
            case null -> data.putNull(field);
            case Number n -> data.put(field, n.longValue());
            case Boolean b -> data.put(field, b);
            case java.util.Map<?, ?> entries -> {
                var object = data.putObject(field);
                entries.forEach((k, v) -> object.put(String.valueOf(k), String.valueOf(v)));
            }
            case Iterable<?> items -> {
                var array = data.putArray(field);
                items.forEach(i -> array.add(String.valueOf(i)));
            }
            default -> data.put(field, String.valueOf(value));
        }
        return this;
    }

    /** Adds the list only when it holds something, so that events stay as they were in the usual case. */
    NewEvent withIfAny(String field, java.util.Collection<?> values) {
        return values.isEmpty() ? this : with(field, values);
    }
}
