package dev.oncall.api.graphql;

import dev.oncall.core.validation.Ids;
import dev.oncall.core.validation.Text;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.Scalars;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * The rules every argument value obeys, whatever field it is given to: text holds nothing no text
 * field may hold ({@link Text#freeTextProblem}: no NUL or other control character but tab and
 * line breaks, no DEL, no half of a surrogate pair), and an {@code ID} is an id ({@link Ids}).
 * A variable's value also has the shape its place wants (an object where an input object goes,
 * a known enum value, a number in Int's range, no unknown or missing required fields, no null
 * where the type says non-null), judged by the schema's own types and scalars.
 * They are checked over the whole request, inline values and variables, at any depth of input
 * objects and lists, for queries, mutations and subscriptions on every transport; a request that
 * breaks one is refused before anything runs, with one BAD_REQUEST error per bad value naming its
 * argument path as userErrors name fields ({@code input.layers[0].participants[1]}) in the message
 * and in {@code extensions.field}, and located in the document.
 *
 * <p>Why here, once, rather than in each mutation or by replacing the {@code String} and
 * {@code ID} scalars' coercion: it covers every argument the schema has or will have with nothing
 * to remember when a field is added, it reaches custom scalars ({@code DateTime}) too, and its
 * error is a BAD_REQUEST naming the argument path, where a coercion failure is a
 * {@code ValidationError} naming only the variable. What is checked is what no argument may hold;
 * a field's own rules (a name is one line, a summary at most 1024 characters) stay the domain's,
 * userErrors of the mutation next to the field's other problems.
 *
 * <p>It runs once the document is parsed, before validation; graphql-java calls
 * {@link #instrumentDocumentAndVariables} for every execution as long as no caching
 * {@code PreparsedDocumentProvider} is configured (a test sends one document twice to keep it so).
 * An escaped half surrogate inside an inline string never gets here: the GraphQL grammar has no
 * such escape, and the parser refuses the document as InvalidSyntax with its line and column.
 */
@Component
class ArgumentRules extends SimplePerformantInstrumentation {
    /** Longest part of a scalar's refusal kept in a message: scalars may quote the value, which can be huge. */
    private static final int MAX_MESSAGE = 300;

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
                                                               InstrumentationExecutionParameters parameters,
                                                               InstrumentationState state) {
        List<GraphQLError> errors = problems(parameters.getSchema(), documentAndVariables.getDocument(),
                documentAndVariables.getVariables());
        if (!errors.isEmpty()) {
            throw new AbortExecutionException(errors);
        }
        return documentAndVariables;
    }

    /** One error per argument value (inline or in a variable) that breaks a rule. */
    static List<GraphQLError> problems(GraphQLSchema schema, Document document, Map<String, Object> variables) {
        Walk walk = new Walk(schema);
        for (Definition<?> definition : document.getDefinitions()) {
            switch (definition) {
                case OperationDefinition operation -> {
                    for (VariableDefinition v : operation.getVariableDefinitions()) {
                        if (v.getDefaultValue() != null) {
                            walk.literal(v.getDefaultValue(), "$" + v.getName(), null, v.getSourceLocation());
                        }
                    }
                    walk.directives(operation.getDirectives());
                    walk.selections(operation.getSelectionSet(), switch (operation.getOperation()) {
                        case QUERY -> schema.getQueryType();
                        case MUTATION -> schema.getMutationType();
                        case SUBSCRIPTION -> schema.getSubscriptionType();
                    });
                }
                case FragmentDefinition fragment -> {
                    walk.directives(fragment.getDirectives());
                    walk.selections(fragment.getSelectionSet(), schema.getType(fragment.getTypeCondition().getName()));
                }
                default -> {
                    // type system definitions are refused by validation; they hold no arguments
                }
            }
        }
        if (variables != null) {
            variables.forEach((name, value) -> {
                Usage usage = walk.usages.get(name);
                if (usage == null) {
                    walk.variable(value, "$" + name, null, null);
                } else {
                    walk.variable(value, usage.path(), usage.type(), usage.location());
                }
            });
        }
        return walk.errors;
    }

    /** Where a variable is first passed: the argument path it fills, that place's type, and where it is. */
    private record Usage(String path, GraphQLInputType type, SourceLocation location) {}

    /** Walks values alongside their schema types; a null type (an unknown field) still gets the text rule. */
    private static final class Walk {
        final GraphQLSchema schema;
        final List<GraphQLError> errors = new ArrayList<>();
        final Map<String, Usage> usages = new HashMap<>();

        Walk(GraphQLSchema schema) {
            this.schema = schema;
        }

        void selections(SelectionSet set, GraphQLType parent) {
            if (set == null) {
                return;
            }
            for (Selection<?> selection : set.getSelections()) {
                switch (selection) {
                    case Field field -> {
                        GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container
                                ? container.getFieldDefinition(field.getName()) : null;
                        for (Argument a : field.getArguments()) {
                            GraphQLArgument declared = definition == null ? null : definition.getArgument(a.getName());
                            literal(a.getValue(), a.getName(), declared == null ? null : declared.getType(),
                                    a.getSourceLocation());
                        }
                        directives(field.getDirectives());
                        selections(field.getSelectionSet(),
                                definition == null ? null : GraphQLTypeUtil.unwrapAll(definition.getType()));
                    }
                    case InlineFragment fragment -> {
                        directives(fragment.getDirectives());
                        selections(fragment.getSelectionSet(), fragment.getTypeCondition() == null
                                ? parent : schema.getType(fragment.getTypeCondition().getName()));
                    }
                    case FragmentSpread spread -> directives(spread.getDirectives());
                    default -> {
                        // no other kind of selection exists
                    }
                }
            }
        }

        void directives(List<Directive> directives) {
            for (Directive d : directives) {
                GraphQLDirective declared = schema.getDirective(d.getName());
                for (Argument a : d.getArguments()) {
                    GraphQLArgument argument = declared == null ? null : declared.getArgument(a.getName());
                    literal(a.getValue(), "@" + d.getName() + "." + a.getName(),
                            argument == null ? null : argument.getType(), a.getSourceLocation());
                }
            }
        }

        void literal(Value<?> value, String path, GraphQLInputType type, SourceLocation location) {
            GraphQLType expected = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            if (expected instanceof GraphQLList list && !(value instanceof ArrayValue)
                    && !(value instanceof VariableReference)) {
                // A single value where a list is expected is a list of that one value.
                literal(value, path, (GraphQLInputType) list.getWrappedType(), location);
                return;
            }
            switch (value) {
                case StringValue s -> check(s.getValue(), path, expected, s.getSourceLocation());
                case IntValue i -> {
                    if (isId(expected)) {
                        id(i.getValue().toString(), path, i.getSourceLocation());
                    }
                }
                case ObjectValue o -> {
                    for (ObjectField f : o.getObjectFields()) {
                        literal(f.getValue(), path + "." + f.getName(), fieldType(expected, f.getName()),
                                f.getSourceLocation());
                    }
                }
                case ArrayValue a -> {
                    GraphQLInputType element = expected instanceof GraphQLList list
                            ? (GraphQLInputType) list.getWrappedType() : null;
                    for (int i = 0; i < a.getValues().size(); i++) {
                        literal(a.getValues().get(i), path + "[" + i + "]", element, location);
                    }
                }
                case VariableReference v -> usages.putIfAbsent(v.getName(), new Usage(path, type, location));
                default -> {
                    // floats, booleans, enums and null hold no text
                }
            }
        }

        void variable(Object value, String path, GraphQLInputType type, SourceLocation location) {
            if (type instanceof GraphQLNonNull nonNull) {
                if (value == null) {
                    error(path, "must not be null", location);
                    return;
                }
                type = (GraphQLInputType) nonNull.getWrappedType();
            }
            GraphQLType expected = type;
            if (expected instanceof GraphQLList list && value != null && !(value instanceof List<?>)) {
                variable(value, path, (GraphQLInputType) list.getWrappedType(), location);
                return;
            }
            switch (value) {
                case null -> {
                    // a nullable place: nothing to check
                }
                case String s -> {
                    // What no text may hold is said first: it is the more precise answer.
                    if (Text.freeTextProblem(s).isPresent() || shape(value, path, expected, location)) {
                        check(s, path, expected, location);
                    }
                }
                case Integer i when isId(expected) -> id(i.toString(), path, location);
                case Long i when isId(expected) -> id(i.toString(), path, location);
                case BigInteger i when isId(expected) -> id(i.toString(), path, location);
                case Map<?, ?> map -> {
                    if (shape(value, path, expected, location)) {
                        object(map, path, expected instanceof GraphQLInputObjectType o ? o : null, location);
                    }
                }
                case List<?> list -> {
                    if (expected != null && !(expected instanceof GraphQLList)) {
                        error(path, "must be " + describe(expected) + ", got a list", location);
                        return;
                    }
                    GraphQLInputType element = expected instanceof GraphQLList l
                            ? (GraphQLInputType) l.getWrappedType() : null;
                    for (int i = 0; i < list.size(); i++) {
                        variable(list.get(i), path + "[" + i + "]", element, location);
                    }
                }
                default -> shape(value, path, expected, location);
            }
        }

        /** The fields of an input object (or of an unknown place, when {@code type} is null). */
        private void object(Map<?, ?> map, String path, GraphQLInputObjectType type, SourceLocation location) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                String at = path + "." + Text.shown(key);
                if (Text.lineProblem(key).isPresent()) {
                    error(at, "is not a field name", location);
                } else if (type != null && type.getField(key) == null) {
                    error(at, "is not a field of " + type.getName(), location);
                } else {
                    variable(v, at, fieldType(type, key), location);
                }
            });
            if (type != null) {
                for (GraphQLInputObjectField field : type.getFields()) {
                    if (!map.containsKey(field.getName()) && GraphQLTypeUtil.isNonNull(field.getType())
                            && !field.hasSetDefaultValue()) {
                        error(path + "." + field.getName(), "is required", location);
                    }
                }
            }
        }

        /**
         * Whether a value has the JSON type its place wants, as the schema's own enums and scalars
         * judge it. graphql-java checks this too, but its error names only the variable
         * ("Variable 'input' has an invalid value"), not which of its fields is wrong.
         */
        private boolean shape(Object value, String path, GraphQLType expected, SourceLocation location) {
            Optional<String> problem = switch (expected) {
                case null -> Optional.empty();
                case GraphQLInputObjectType o -> value instanceof Map<?, ?>
                        ? Optional.empty() : Optional.of("must be " + describe(o) + ", got " + kind(value));
                case GraphQLEnumType e -> value instanceof String name && e.getValue(name) != null
                        ? Optional.empty() : Optional.of("must be one of " + e.getValues().stream()
                        .map(GraphQLEnumValueDefinition::getName).collect(Collectors.joining(", ")));
                case GraphQLScalarType scalar -> scalarProblem(scalar, value);
                default -> Optional.empty();
            };
            problem.ifPresent(p -> error(path, p, location));
            return problem.isEmpty();
        }

        private static Optional<String> scalarProblem(GraphQLScalarType scalar, Object value) {
            boolean text = value instanceof String;
            boolean integral = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            // graphql-java lets numbers and booleans through as text; the spec does not.
            if (scalar.getName().equals(Scalars.GraphQLString.getName()) && !text) {
                return Optional.of("must be a string, got " + kind(value));
            }
            if (scalar.getName().equals(Scalars.GraphQLID.getName())) {
                return text || integral ? Optional.empty() : Optional.of("must be an id (a string), got " + kind(value));
            }
            try {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
                return Optional.empty();
            } catch (CoercingParseValueException | IllegalArgumentException | ClassCastException e) {
                String message = e.getMessage() == null ? "" : ": " + e.getMessage();
                return Optional.of("must be " + describe(scalar) + (message.length() > MAX_MESSAGE
                        ? message.substring(0, MAX_MESSAGE) + "..." : message));
            }
        }

        private static String describe(GraphQLType type) {
            return switch (type) {
                case GraphQLInputObjectType o -> "an object (" + o.getName() + ")";
                case GraphQLList l -> "a list";
                case GraphQLScalarType s when s.getName().equals(Scalars.GraphQLInt.getName()) ->
                        "a whole number from -2147483648 to 2147483647";
                case GraphQLScalarType s when s.getName().equals(Scalars.GraphQLBoolean.getName()) -> "true or false";
                case GraphQLScalarType s -> "a " + s.getName();
                default -> "a " + GraphQLTypeUtil.simplePrint(type);
            };
        }

        private static String kind(Object value) {
            return switch (value) {
                case Map<?, ?> m -> "an object";
                case List<?> l -> "a list";
                case Boolean b -> "a boolean";
                case Number n -> "a number";
                case String s -> "a string";
                default -> value.getClass().getSimpleName();
            };
        }

        private static GraphQLInputType fieldType(GraphQLType object, String field) {
            GraphQLInputObjectField declared = object instanceof GraphQLInputObjectType o ? o.getField(field) : null;
            return declared == null ? null : declared.getType();
        }

        private static boolean isId(GraphQLType type) {
            return type != null && GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLScalarType scalar
                    && scalar.getName().equals(Scalars.GraphQLID.getName());
        }

        private void check(String text, String path, GraphQLType expected, SourceLocation location) {
            Optional<String> problem = Text.freeTextProblem(text);
            if (problem.isPresent()) {
                error(path, problem.get(), location);
            } else if (isId(expected)) {
                id(text, path, location);
            }
        }

        private void id(String text, String path, SourceLocation location) {
            Ids.problem(text).ifPresent(problem -> error(path, problem, location));
        }

        private void error(String path, String problem, SourceLocation location) {
            GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST)
                    .message(path + ": " + problem).extensions(Map.of("field", path));
            if (location != null) {
                error.location(location);
            }
            errors.add(error.build());
        }
    }
}
