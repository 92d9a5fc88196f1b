package dev.oncall.api.graphql;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks an operation's variables against their declared types before it runs, and refuses
 * them with one error per wrong value that names its path, e.g. {@code input.steps[0].targets[1].id}.
 *
 * <p>graphql-java coerces variables itself, but its errors name only the variable
 * ("Variable 'input' has an invalid value: Expected a String input"), so a client cannot tell
 * which of fifty fields it got wrong. The values are judged by the schema's own scalars and
 * enums, so this adds no rule of its own: it only says where. Everything it lets through is
 * coerced by graphql-java as before, over HTTP, SSE and WebSocket alike.
 */
@Component
@Order(0)
class VariablePaths implements WebGraphQlInterceptor {
    /** Longest message kept from a scalar's refusal; scalars may quote the value, which can be huge. */
    private static final int MAX_MESSAGE = 300;
    private static final int MAX_PROBLEMS = 20;

    private final ObjectProvider<GraphQlSource> source;

    VariablePaths(ObjectProvider<GraphQlSource> source) {
        this.source = source;
    }

    /** One wrong value: where, and what is wrong with it. */
    record Problem(String path, String message) {}

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Map<String, Object> variables = request.getVariables();
        Optional<OperationDefinition> operation = operation(request.getDocument(), request.getOperationName());
        if (operation.isEmpty() || operation.get().getVariableDefinitions().isEmpty()) {
            return chain.next(request);
        }
        List<Problem> problems = check(source.getObject().schema(), operation.get(), variables);
        if (problems.isEmpty()) {
            return chain.next(request);
        }
        ExecutionResult refused = ExecutionResult.newExecutionResult().errors(problems.stream()
                .limit(MAX_PROBLEMS)
                .map(p -> GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                        .message("Variable '" + p.path() + "' " + p.message())
                        .extensions(Map.of("field", p.path())).build())
                .collect(Collectors.toList())).build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
    }

    private static Optional<OperationDefinition> operation(String document, String name) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException invalid) {
            return Optional.empty(); // graphql-java reports the syntax error itself
        }
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        if (name == null || name.isEmpty()) {
            return operations.size() == 1 ? Optional.of(operations.getFirst()) : Optional.empty();
        }
        return operations.stream().filter(o -> name.equals(o.getName())).findFirst();
    }

    static List<Problem> check(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> variables) {
        List<Problem> problems = new ArrayList<>();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            Optional<GraphQLInputType> type = inputType(schema, definition.getType());
            if (type.isEmpty()) {
                return List.of(); // an unknown type: validation will say so
            }
            String name = definition.getName();
            boolean present = variables.containsKey(name);
            if (!present && definition.getDefaultValue() != null) {
                continue;
            }
            walk(type.get(), variables.get(name), present, name, problems);
        }
        return problems;
    }

    private static Optional<GraphQLInputType> inputType(GraphQLSchema schema, Type<?> type) {
        return switch (type) {
            case NonNullType n -> inputType(schema, n.getType()).map(GraphQLNonNull::nonNull);
            case ListType l -> inputType(schema, l.getType()).map(GraphQLList::list);
            case TypeName t -> Optional.ofNullable(schema.getType(t.getName()))
                    .filter(GraphQLInputType.class::isInstance).map(GraphQLInputType.class::cast);
            default -> Optional.empty();
        };
    }

    private static void walk(GraphQLType type, Object value, boolean present, String path, List<Problem> problems) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (!present) {
                problems.add(new Problem(path, "is required"));
            } else if (value == null) {
                problems.add(new Problem(path, "must not be null"));
            } else {
                walk(nonNull.getWrappedType(), value, true, path, problems);
            }
            return;
        }
        if (value == null) {
            return;
        }
        switch (type) {
            case GraphQLList list -> {
                if (value instanceof List<?> items) {
                    for (int i = 0; i < items.size(); i++) {
                        walk(list.getWrappedType(), items.get(i), true, path + "[" + i + "]", problems);
                    }
                } else {
                    // A single value stands for a list of one (input coercion, GraphQL spec 3.11).
                    walk(list.getWrappedType(), value, true, path, problems);
                }
            }
            case GraphQLInputObjectType object -> object(object, value, path, problems);
            case GraphQLEnumType enumType -> {
                if (!(value instanceof String name) || enumType.getValue(name) == null) {
                    problems.add(new Problem(path, "must be one of " + enumType.getValues().stream()
                            .map(v -> v.getName()).collect(Collectors.joining(", "))));
                }
            }
            case GraphQLScalarType scalar -> scalar(scalar, value, path, problems);
            default -> { }
        }
    }

    private static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case List<?> l -> "a list";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            default -> value.getClass().getSimpleName();
        };
    }

    private static void object(GraphQLInputObjectType type, Object value, String path, List<Problem> problems) {
        if (!(value instanceof Map<?, ?> fields)) {
            problems.add(new Problem(path, "must be an object (" + type.getName() + ")"));
            return;
        }
        for (Object key : fields.keySet()) {
            if (type.getField(String.valueOf(key)) == null) {
                problems.add(new Problem(path + "." + key, "is not a field of " + type.getName()));
            }
        }
        for (GraphQLInputObjectField field : type.getFields()) {
            boolean present = fields.containsKey(field.getName());
            if (!present && field.hasSetDefaultValue()) {
                continue;
            }
            walk(field.getType(), fields.get(field.getName()), present, path + "." + field.getName(), problems);
        }
    }

    private static void scalar(GraphQLScalarType scalar, Object value, String path, List<Problem> problems) {
        // graphql-java lets some values of other JSON types through as text; the spec does not.
        boolean text = value instanceof String;
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
        if ((scalar.getName().equals("String") && !text) || (scalar.getName().equals("ID") && !text && !integral)) {
            problems.add(new Problem(path, "must be " + (scalar.getName().equals("ID") ? "an ID (a string)" : "a string")
                    + ", got " + kind(value)));
            return;
        }
        try {
            scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
        } catch (CoercingParseValueException | IllegalArgumentException | ClassCastException e) {
            String message = e.getMessage() == null ? "is not a valid " + scalar.getName() : e.getMessage();
            problems.add(new Problem(path, "must be a valid " + scalar.getName() + ": "
                    + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message)));
        }
    }
}
