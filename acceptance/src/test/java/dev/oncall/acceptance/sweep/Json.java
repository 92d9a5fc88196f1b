package dev.oncall.acceptance.sweep;

import java.util.List;
import java.util.Map;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies as JSON text with every non-ASCII character escaped ({@code \\uD800}), so a
 * lone surrogate travels as the JSON escape a hostile client would send rather than being
 * replaced on the way out.
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(node(value));
    }

    static JsonNode node(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode n -> n;
            case String s -> NODES.stringNode(s);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            case Boolean b -> NODES.booleanNode(b);
            case Map<?, ?> m -> {
                ObjectNode o = NODES.objectNode();
                m.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
                yield o;
            }
            case List<?> l -> {
                ArrayNode a = NODES.arrayNode();
                l.forEach(v -> a.add(node(v)));
                yield a;
            }
            default -> value == BadValues.NULL ? NODES.nullNode() : NODES.stringNode(value.toString());
        };
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (RuntimeException notJson) {
            return NODES.missingNode();
        }
    }
}
