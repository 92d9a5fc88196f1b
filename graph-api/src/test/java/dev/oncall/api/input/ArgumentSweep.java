package dev.oncall.api.input;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every place of the schema a client can put text into, found by walking the schema itself (so a
 * field added tomorrow is swept too): each argument of each field reachable from Query, Mutation
 * and Subscription, down through input objects and lists, whose leaf is String, ID or DateTime.
 * For each, a request that puts a given text there and plausible values everywhere else.
 */
final class ArgumentSweep {
    /** Writes every character outside ASCII as an escape, so text with half a surrogate pair travels as it is. */
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Every scalar a client writes as text. */
    static final Set<String> TEXT_SCALARS = Set.of("String", "ID", "DateTime");

    /**
     * One request.
     *
     * @param document  the operation
     * @param variables its variables (the text is in them when {@code inVariables})
     * @param field     the argument path a refusal must name, as userErrors name fields: {@code input.layers[0].name}
     */
    record Case(String operation, String document, Map<String, Object> variables, String field, boolean inVariables) {
        @Override
        public String toString() {
            return operation + " " + field + (inVariables ? " (in variables)" : " (inline)");
        }
    }

    private final GraphQLSchema schema;

    ArgumentSweep(GraphQLSchema schema) {
        this.schema = schema;
    }

    /**
     * Every place of one of the {@code scalars}, with {@code text.apply(i)} at the i-th one,
     * alternately inline and in variables.
     */
    List<Case> cases(Set<String> scalars, Function<Integer, String> text) {
        List<Case> cases = new ArrayList<>();
        for (String operation : List.of("query", "mutation", "subscription")) {
            GraphQLObjectType root = switch (operation) {
                case "query" -> schema.getQueryType();
                case "mutation" -> schema.getMutationType();
                default -> schema.getSubscriptionType();
            };
            if (root == null) {
                continue;
            }
            for (Route route : routes(root)) {
                for (GraphQLArgument argument : route.field().getArguments()) {
                    for (List<Step> path : textPaths(argument.getType(), scalars, new HashSet<>())) {
                        cases.add(build(operation, route, argument, path, text.apply(cases.size()), cases.size() % 2 == 1));
                    }
                }
            }
        }
        return cases;
    }

    /** A field and the selections leading to it from the root: {@code schedule(id: "…") { timeline(…) } }. */
    private record Route(List<GraphQLFieldDefinition> parents, GraphQLFieldDefinition field) {}

    /** Each field with arguments, reached by the shortest chain of fields from {@code root}. */
    private List<Route> routes(GraphQLObjectType root) {
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Map.Entry<GraphQLFieldsContainer, List<GraphQLFieldDefinition>>> queue = new ArrayDeque<>();
        queue.add(Map.entry(root, List.of()));
        seen.add(root.getName());
        while (!queue.isEmpty()) {
            var next = queue.poll();
            for (GraphQLFieldDefinition field : next.getKey().getFieldDefinitions()) {
                if (field.getName().startsWith("__")) {
                    continue;
                }
                if (!field.getArguments().isEmpty()) {
                    routes.add(new Route(next.getValue(), field));
                }
                GraphQLUnmodifiedType type = GraphQLTypeUtil.unwrapAll(field.getType());
                // Only object types lead on; the root's other fields are swept as routes of their own.
                if (type instanceof GraphQLFieldsContainer container && seen.add(container.getName())
                        && next.getKey() != schema.getMutationType() && next.getKey() != schema.getSubscriptionType()) {
                    List<GraphQLFieldDefinition> chain = new ArrayList<>(next.getValue());
                    chain.add(field);
                    queue.add(Map.entry(container, chain));
                }
            }
        }
        return routes;
    }

    /** A step into an input value: a field of an input object, or the first element of a list. */
    private record Step(String field) {
        static final Step ELEMENT = new Step(null);
    }

    private List<List<Step>> textPaths(GraphQLInputType type, Set<String> scalars, Set<String> inProgress) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        List<List<Step>> paths = new ArrayList<>();
        if (inner instanceof GraphQLList list) {
            for (List<Step> rest : textPaths((GraphQLInputType) list.getWrappedType(), scalars, inProgress)) {
                List<Step> path = new ArrayList<>();
                path.add(Step.ELEMENT);
                path.addAll(rest);
                paths.add(path);
            }
        } else if (inner instanceof GraphQLInputObjectType object && inProgress.add(object.getName())) {
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                for (List<Step> rest : textPaths(field.getType(), scalars, inProgress)) {
                    List<Step> path = new ArrayList<>();
                    path.add(new Step(field.getName()));
                    path.addAll(rest);
                    paths.add(path);
                }
            }
            inProgress.remove(object.getName());
        } else if (inner instanceof GraphQLScalarType scalar && scalars.contains(scalar.getName())) {
            paths.add(List.of());
        }
        return paths;
    }

    private Case build(String operation, Route route, GraphQLArgument target, List<Step> path, String text,
                       boolean inVariables) {
        Object targetValue = valueWith(target.getType(), path, text);
        StringBuilder document = new StringBuilder(operation);
        Map<String, Object> variables = new LinkedHashMap<>();
        if (inVariables) {
            document.append("($v: ").append(GraphQLTypeUtil.simplePrint(target.getType())).append(")");
            variables.put("v", plain(targetValue));
        }
        document.append(" { ");
        for (GraphQLFieldDefinition parent : route.parents()) {
            document.append(parent.getName()).append(requiredArguments(parent, null, null)).append(" { ");
        }
        document.append(route.field().getName())
                .append(requiredArguments(route.field(), target, inVariables ? "$v" : literal(target.getType(), targetValue)))
                .append(selection(route.field().getType()));
        document.append(" }".repeat(route.parents().size())).append(" }");
        StringBuilder field = new StringBuilder(target.getName());
        for (Step step : path) {
            field.append(step == Step.ELEMENT ? "[0]" : "." + step.field());
        }
        return new Case(route.field().getName(), document.toString(), variables, field.toString(), inVariables);
    }

    /** {@code (a: …, b: …)} with every required argument, and {@code target} set to {@code value}. */
    private String requiredArguments(GraphQLFieldDefinition field, GraphQLArgument target, String value) {
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            if (argument == target) {
                arguments.add(argument.getName() + ": " + value);
            } else if (GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()) {
                arguments.add(argument.getName() + ": " + literal(argument.getType(), plausible(argument.getType())));
            }
        }
        return arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")";
    }

    private static String selection(GraphQLOutputType type) {
        return GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLFieldsContainer ? " { __typename }" : "";
    }

    /** A plausible value of {@code type} with {@code text} at {@code path}. */
    private Object valueWith(GraphQLInputType type, List<Step> path, String text) {
        if (path.isEmpty()) {
            return GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList ? List.of(text) : text;
        }
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        Step step = path.getFirst();
        List<Step> rest = path.subList(1, path.size());
        if (inner instanceof GraphQLList list) {
            return List.of(valueWith((GraphQLInputType) list.getWrappedType(), rest, text));
        }
        GraphQLInputObjectType object = (GraphQLInputObjectType) inner;
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) plausible(object);
        value.put(step.field(), valueWith(object.getField(step.field()).getType(), rest, text));
        return value;
    }

    /** A value of {@code type} with its required fields set: enough to pass validation. */
    private Object plausible(GraphQLInputType type) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (inner instanceof GraphQLList list) {
            return List.of(plausible((GraphQLInputType) list.getWrappedType()));
        }
        if (inner instanceof GraphQLInputObjectType object) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (GraphQLTypeUtil.isNonNull(field.getType()) && !field.hasSetDefaultValue()) {
                    value.put(field.getName(), plausible(field.getType()));
                }
            }
            return value;
        }
        if (inner instanceof GraphQLEnumType e) {
            return new EnumName(e.getValues().getFirst().getName());
        }
        return switch (((GraphQLScalarType) inner).getName()) {
            case "ID" -> UUID.randomUUID().toString();
            case "Int" -> 1;
            case "Float" -> 1.0;
            case "Boolean" -> false;
            case "DateTime" -> "2026-03-02T00:00:00Z";
            default -> "x";
        };
    }

    /** An enum value: a bare name inline, a string in variables. */
    private record EnumName(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code value} written as a GraphQL literal (strings escaped as JSON escapes them, which GraphQL reads alike). */
    private static String literal(GraphQLInputType type, Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                StringBuilder out = new StringBuilder("{");
                map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ")
                        .append(literal(null, v)));
                yield out.append("}").toString();
            }
            case List<?> list -> {
                List<String> items = list.stream().map(v -> literal(null, v)).toList();
                yield "[" + String.join(", ", items) + "]";
            }
            case EnumName e -> e.name();
            case String s -> JSON.writeValueAsString(s);
            default -> String.valueOf(value);
        };
    }

    /** A value as JSON variables carry it: enum values as their names. */
    private static Object plain(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) k, plain(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(ArgumentSweep::plain).toList();
            case EnumName e -> e.name();
            default -> value;
        };
    }
}
