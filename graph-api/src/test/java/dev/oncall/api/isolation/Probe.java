package dev.oncall.api.isolation;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One request against every root field of the schema (queries, mutations, subscriptions, found
 * by walking the schema, so a field added tomorrow is probed too) with every id argument pointing
 * at another team's things: the argument's name says what it points at ({@code scheduleId}, or
 * {@code id} of {@code deleteOverride}), and {@link #ids} holds one of each. The selection asks
 * for every scalar of the answer, two levels deep, so whatever is let through shows.
 */
final class Probe {
    /** A request: the field it probes, its document and variables. */
    record Request(String operation, String field, String variant, String document, Map<String, Object> variables) {
        @Override
        public String toString() {
            return operation + " " + field + variant;
        }
    }

    private final GraphQLSchema schema;
    /** Ids by lower-case noun (team, user, schedule, escalationpolicy, ...). */
    private final Map<String, String> ids;
    /** What a {@code handle} argument names: a person of the other team, as an attacker would. */
    private final String handle;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Probe(GraphQLSchema schema, Map<String, String> ids, String handle) {
        this.schema = schema;
        this.ids = ids;
        this.handle = handle;
    }

    /**
     * Every request, those that delete or remove last: with the caller's own team in them they may
     * succeed, and the requests after them should still find the team.
     */
    List<Request> requests() {
        List<Request> all = all();
        List<Request> out = new ArrayList<>(all.stream().filter(r -> !destructive(r)).toList());
        out.addAll(all.stream().filter(Probe::destructive).toList());
        return out;
    }

    private static boolean destructive(Request r) {
        return r.field().startsWith("delete") || r.field().startsWith("remove") || r.field().startsWith("revoke");
    }

    private List<Request> all() {
        List<Request> out = new ArrayList<>();
        for (String operation : List.of("query", "mutation", "subscription")) {
            GraphQLObjectType root = switch (operation) {
                case "query" -> schema.getQueryType();
                case "mutation" -> schema.getMutationType();
                default -> schema.getSubscriptionType();
            };
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                if (!field.getName().startsWith("__")) {
                    out.add(request(operation, field, null));
                    // "Name one of them" inputs (userId or handle): each reference alone, as an attacker sends it.
                    for (String optional : optionalReferences(field)) {
                        out.add(request(operation, field, optional));
                    }
                }
            }
        }
        return out;
    }

    /** The optional id and handle fields of the field's input object (its {@code input} argument). */
    private static List<String> optionalReferences(GraphQLFieldDefinition field) {
        List<String> out = new ArrayList<>();
        for (GraphQLArgument a : field.getArguments()) {
            if (GraphQLTypeUtil.unwrapNonNull(a.getType()) instanceof GraphQLInputObjectType object) {
                for (GraphQLInputObjectField f : object.getFieldDefinitions()) {
                    boolean reference = f.getName().equals("handle") || GraphQLTypeUtil.unwrapAll(f.getType()).getName().equals("ID");
                    if (reference && !GraphQLTypeUtil.isNonNull(f.getType())) {
                        out.add(f.getName());
                    }
                }
            }
        }
        return out;
    }

    /** The request; with {@code alone} set, that optional reference is the only one given. */
    private Request request(String operation, GraphQLFieldDefinition field, String alone) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument a : field.getArguments()) {
            Object value = value(field.getName(), a.getName(), a.getType(), 0);
            if (value == null) {
                continue;
            }
            if (alone != null && value instanceof Map<?, ?> input) {
                Map<String, Object> copy = new LinkedHashMap<>();
                input.forEach((k, v) -> copy.put((String) k, v));
                // Leave out the other optional references, keeping this one.
                optionalReferences(field).stream().filter(r -> !r.equals(alone)).forEach(copy::remove);
                value = copy;
            }
            variables.put(a.getName(), value);
            declarations.add("$" + a.getName() + ": " + GraphQLTypeUtil.simplePrint(a.getType()));
            arguments.add(a.getName() + ": $" + a.getName());
        }
        String document = operation + (declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")")
                + " { " + field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")")
                + selection(field.getType(), 0) + " }";
        return new Request(operation, field.getName(), alone == null ? "" : " (" + alone + " alone)", document, variables);
    }

    /** Every scalar of the type, and of the objects it holds, two levels deep ({@code __typename} at least). */
    private String selection(GraphQLOutputType type, int depth) {
        if (!(GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLFieldsContainer container)) {
            return "";
        }
        List<String> fields = new ArrayList<>(List.of("__typename"));
        for (GraphQLFieldDefinition f : container.getFieldDefinitions()) {
            boolean needsArguments = f.getArguments().stream().anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType())
                    && !a.hasSetDefaultValue());
            if (needsArguments) {
                continue;
            }
            GraphQLType inner = GraphQLTypeUtil.unwrapAll(f.getType());
            if (inner instanceof GraphQLScalarType || inner instanceof GraphQLEnumType) {
                fields.add(f.getName());
            } else if (depth < 2) {
                fields.add(f.getName() + selection(f.getType(), depth + 1));
            }
        }
        return " { " + String.join(" ", fields) + " }";
    }

    private Object value(String root, String name, GraphQLInputType type, int depth) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (name.equals("after")) {
            return null;
        }
        if (inner instanceof GraphQLList list) {
            Object element = value(root, name, (GraphQLInputType) list.getWrappedType(), depth + 1);
            return element == null ? null : List.of(element);
        }
        if (inner instanceof GraphQLInputObjectType object) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (depth < 6) {
                for (GraphQLInputObjectField f : object.getFieldDefinitions()) {
                    Object v = value(root, f.getName(), f.getType(), depth + 1);
                    if (v != null) {
                        fields.put(f.getName(), v);
                    }
                }
            }
            return fields;
        }
        if (inner instanceof GraphQLEnumType e) {
            return e.getValues().getFirst().getName();
        }
        return switch (((GraphQLScalarType) inner).getName()) {
            case "ID" -> id(root, name);
            case "Int" -> switch (name) {
                case "escalateAfterSeconds", "ackTimeoutSeconds" -> 600;
                case "priority", "delaySeconds", "repeatCount" -> 0;
                case "first" -> 10;
                case "intervalMinutes", "reminderMinutes" -> 15;
                default -> 1;
            };
            case "Boolean" -> false;
            case "DateTime" -> (switch (name) {
                case "end", "until", "to" -> now.plus(2, ChronoUnit.DAYS);
                case "createdAfter" -> now.minus(1, ChronoUnit.DAYS);
                case "at", "from", "expiresAt" -> now.plus(1, ChronoUnit.HOURS);
                default -> now.plus(1, ChronoUnit.DAYS);
            }).toString();
            default -> name.equals("handle") ? handle : text(name);
        };
    }

    private String id(String root, String name) {
        String noun = name.endsWith("Id") || name.endsWith("Ids") ? name.substring(0, name.lastIndexOf("Id"))
                : name.equals("participants") ? "user" : root;
        String lower = noun.toLowerCase(Locale.ROOT);
        return ids.keySet().stream().filter(lower::contains).max((a, b) -> a.length() - b.length())
                .map(ids::get).orElse(UUID.randomUUID().toString());
    }

    private static String text(String name) {
        return switch (name) {
            case "timezone", "zone" -> "Europe/Berlin";
            case "start" -> "2026-01-05T09:00";
            case "end" -> "2027-01-05T09:00";
            case "period" -> "P1D";
            case "address" -> "+15550001234";
            case "email" -> "probe-" + UUID.randomUUID() + "@example.com";
            case "name", "label" -> "probe-" + UUID.randomUUID().toString().substring(0, 8);
            default -> "probe";
        };
    }

    static String describe(List<Request> requests) {
        return requests.stream().map(Request::toString).collect(Collectors.joining(", "));
    }
}
