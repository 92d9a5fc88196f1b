package dev.oncall.acceptance.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The public contract as the server itself announces it through introspection: every root
 * field with its arguments, every input object with its fields, every enum with its values.
 * The sweep is generated from this, so a new argument is swept the day it is added.
 */
record Schema(Map<String, List<Field>> roots, Map<String, List<InputValue>> inputs, Map<String, List<String>> enums,
              Map<String, String> kinds) {

    static final String INTROSPECTION = """
            { __schema { queryType { name } mutationType { name } subscriptionType { name }
                types { kind name enumValues { name } inputFields { name type { ...T } }
                        fields { name args { name type { ...T } } type { ...T } } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }""";

    record InputValue(String name, TypeRef type) {}

    record Field(String operation, String name, List<InputValue> args, TypeRef type) {}

    static Schema of(JsonNode data) {
        JsonNode schema = data.get("__schema");
        Map<String, String> rootTypes = new LinkedHashMap<>();
        rootTypes.put(schema.at("/queryType/name").asString(), "query");
        rootTypes.put(schema.at("/mutationType/name").asString(), "mutation");
        rootTypes.put(schema.at("/subscriptionType/name").asString(), "subscription");
        Map<String, List<Field>> roots = new LinkedHashMap<>();
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        Map<String, List<String>> enums = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (JsonNode type : schema.get("types")) {
            String name = type.get("name").asString();
            kinds.put(name, type.get("kind").asString());
            if (name.startsWith("__")) {
                continue;
            }
            String operation = rootTypes.get(name);
            if (operation != null) {
                roots.put(operation, type.get("fields").valueStream().map(f -> new Field(operation, f.get("name").asString(),
                        values(f.get("args")), TypeRef.of(f.get("type")))).toList());
            }
            if (type.get("kind").asString().equals("INPUT_OBJECT")) {
                inputs.put(name, values(type.get("inputFields")));
            }
            if (type.get("kind").asString().equals("ENUM")) {
                enums.put(name, type.get("enumValues").valueStream().map(v -> v.get("name").asString()).toList());
            }
        }
        return new Schema(roots, inputs, enums, kinds);
    }

    private static List<InputValue> values(JsonNode list) {
        return list.valueStream().map(a -> new InputValue(a.get("name").asString(), TypeRef.of(a.get("type")))).toList();
    }

    /** Whether a field's type needs a selection set (objects, interfaces, unions). */
    boolean composite(TypeRef type) {
        String kind = kinds.get(type.named().name());
        return kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION");
    }
}
