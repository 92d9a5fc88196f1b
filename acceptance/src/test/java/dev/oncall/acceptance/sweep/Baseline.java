package dev.oncall.acceptance.sweep;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plausible value for every argument and input field, so that a request with one bad value
 * reaches as deep into the server as that value lets it: real ids of the sweep's own team where
 * the name says what they point at, and well-formed zones, local times, instants and counts.
 */
final class Baseline {
    private static final AtomicInteger unique = new AtomicInteger();
    private static final int MAX_DEPTH = 6;

    private final Schema schema;
    /** Known ids by lower-case noun: team, schedule, service, escalationpolicy, user, incident, contactmethod. */
    private final Map<String, String> ids;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Baseline(Schema schema, Map<String, String> ids) {
        this.schema = schema;
        this.ids = ids;
    }

    /** Every argument of a root field. */
    Map<String, Object> arguments(Schema.Field field) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (Schema.InputValue arg : field.args()) {
            // A page cursor is the server's to make: the first page has none.
            args.put(arg.name(), arg.name().equals("after") ? null : value(field.name(), "", arg.name(), arg.type(), 0));
        }
        return args;
    }

    Object value(String root, String parent, String name, TypeRef type, int depth) {
        TypeRef t = type.nullable();
        if (t.kind().equals("LIST")) {
            return List.of(value(root, parent, name, t.ofType(), depth + 1));
        }
        String named = t.name();
        return switch (schema.kinds().get(named)) {
            case "INPUT_OBJECT" -> object(root, named, depth);
            case "ENUM" -> schema.enums().get(named).getFirst();
            default -> scalar(root, parent, name, named);
        };
    }

    Map<String, Object> object(String root, String typeName, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (depth > MAX_DEPTH) {
            return fields;
        }
        for (Schema.InputValue f : schema.inputs().get(typeName)) {
            fields.put(f.name(), value(root, typeName, f.name(), f.type(), depth + 1));
        }
        return fields;
    }

    private Object scalar(String root, String parent, String name, String type) {
        return switch (type) {
            case "ID" -> id(root, name);
            case "Int" -> integer(name);
            case "Boolean" -> false;
            case "DateTime" -> instant(name).toString();
            default -> text(parent, name);
        };
    }

    private String id(String root, String name) {
        String noun = name.endsWith("Id") || name.endsWith("Ids") ? name.substring(0, name.lastIndexOf("Id"))
                : name.equals("participants") ? "user" : root;
        String lower = noun.toLowerCase(Locale.ROOT);
        return ids.keySet().stream().filter(lower::contains).max((a, b) -> a.length() - b.length())
                .map(ids::get).orElse(UUID.randomUUID().toString());
    }

    private static int integer(String name) {
        return switch (name) {
            case "escalateAfterSeconds", "ackTimeoutSeconds" -> 600;
            case "first" -> 10;
            case "reminderMinutes" -> 15;
            case "priority", "delaySeconds", "repeatCount" -> 0;
            default -> 1;
        };
    }

    private Instant instant(String name) {
        return switch (name) {
            case "end", "until" -> now.plus(Duration.ofDays(2));
            case "createdAfter" -> now.minus(Duration.ofDays(1));
            case "at", "from" -> now;
            case "to" -> now.plus(Duration.ofDays(7));
            default -> now.plus(Duration.ofDays(1));
        };
    }

    private static String text(String parent, String name) {
        boolean restriction = parent.startsWith("Restriction");
        return switch (name) {
            case "timezone", "zone" -> "Europe/Berlin";
            case "start" -> restriction ? "09:00" : "2026-01-05T09:00";
            case "end" -> restriction ? "17:00" : "2027-01-05T09:00";
            case "period" -> "P1D";
            case "address" -> "+15550009999";
            case "email" -> "sweep" + unique.incrementAndGet() + "@example.com";
            case "handle" -> "sweep" + unique.incrementAndGet();
            case "name", "label" -> "Sweep " + unique.incrementAndGet();
            default -> "sweep";
        };
    }
}
