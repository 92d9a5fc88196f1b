package dev.oncall.acceptance.sweep;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Every argument and every input field of every query, mutation and subscription, each given
 * every bad value of its kind while the rest of the request stays plausible; answers must be
 * no 5xx, no {@code INTERNAL_ERROR}, and a refusal must name the field it refuses.
 * Subscriptions go over SSE, the rest over HTTP POST.
 */
public final class GraphqlSweep {
    private static final int PARALLEL = 4;
    /**
     * Refusals that are not about a field: who is asking, what exists, and a document that does
     * not parse (GraphQL has no escape for half a surrogate pair), which is located by line and
     * column instead.
     */
    private static final java.util.Set<String> NOT_ABOUT_A_FIELD = java.util.Set.of("FORBIDDEN", "UNAUTHORIZED",
            "NOT_FOUND", "InvalidSyntax");

    private final String url;
    private final String token;
    private final SweepReport report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BadValues bad = new BadValues(12);

    /** A place in a field's arguments: the path from the argument down, its type, and the name it goes by. */
    record Position(List<Object> path, TypeRef type, String leaf) {
        String text() {
            return path.stream().map(p -> p instanceof Integer i ? "[" + i + "]" : "." + p).collect(Collectors.joining()).substring(1);
        }
    }

    public GraphqlSweep(String baseUrl, String token, SweepReport report) {
        this.url = baseUrl + "/graphql";
        this.token = token;
        this.report = report;
    }

    /** Sweeps the schema the server announces, with {@code ids} of a team the caller administers. */
    public void run(Map<String, String> ids) throws Exception {
        JsonNode introspection = Json.read(post(Json.write(Map.of("query", Schema.INTROSPECTION)), false).orElseThrow().body());
        Schema schema = Schema.of(introspection.get("data"));
        Baseline baseline = new Baseline(schema, ids);
        List<Runnable> requests = new ArrayList<>();
        for (List<Schema.Field> fields : schema.roots().values()) {
            for (Schema.Field field : fields) {
                Map<String, Object> args = baseline.arguments(field);
                for (Position position : positions(schema, field)) {
                    for (BadValues.Bad value : badValues(schema, baseline, field, position)) {
                        requests.add(() -> send(schema, field, with(args, position.path(), value.value()), position, value));
                    }
                    if (position.path().size() == 1 && isText(position.type())) {
                        for (BadValues.Bad value : bad.text()) {
                            if (value.value() instanceof String s) {
                                requests.add(() -> sendLiteral(schema, field, args, position, s, value.label()));
                            }
                        }
                    }
                }
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().factory())) {
            List<Future<?>> done = requests.stream().map(pool::submit).collect(Collectors.toList());
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static boolean isText(TypeRef type) {
        TypeRef t = type.nullable();
        return !t.list() && (t.name().equals("String") || t.name().equals("ID"));
    }

    static List<Position> positions(Schema schema, Schema.Field field) {
        List<Position> out = new ArrayList<>();
        for (Schema.InputValue arg : field.args()) {
            collect(schema, List.of(arg.name()), arg.type(), arg.name(), out, 0);
        }
        return out;
    }

    private static void collect(Schema schema, List<Object> path, TypeRef type, String leaf, List<Position> out, int depth) {
        out.add(new Position(path, type, leaf));
        TypeRef t = type.nullable();
        if (depth > 5) {
            return;
        }
        if (t.kind().equals("LIST")) {
            collect(schema, append(path, 0), t.ofType(), leaf, out, depth + 1);
        } else if ("INPUT_OBJECT".equals(schema.kinds().get(t.name()))) {
            for (Schema.InputValue f : schema.inputs().get(t.name())) {
                collect(schema, append(path, f.name()), f.type(), f.name(), out, depth + 1);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> p = new ArrayList<>(path);
        p.add(step);
        return p;
    }

    private List<BadValues.Bad> badValues(Schema schema, Baseline baseline, Schema.Field field, Position position) {
        List<BadValues.Bad> values = new ArrayList<>();
        values.add(new BadValues.Bad("null", BadValues.NULL));
        TypeRef t = position.type().nullable();
        if (t.kind().equals("LIST")) {
            values.addAll(bad.lists(baseline.value(field.name(), "", position.leaf(), t.ofType(), 1)));
            return values;
        }
        String kind = schema.kinds().get(t.name());
        if (kind.equals("INPUT_OBJECT")) {
            values.addAll(bad.objects(baseline.object(field.name(), t.name(), 1)));
        } else if (kind.equals("ENUM")) {
            values.addAll(bad.enums());
        } else {
            values.addAll(switch (t.name()) {
                case "ID" -> bad.ids();
                case "Int" -> bad.ints();
                case "Boolean" -> bad.booleans();
                case "DateTime" -> bad.instants();
                default -> position.leaf().equals("after") ? bad.cursors() : bad.text();
            });
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> args, List<Object> path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(args);
        Object container = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            container = step instanceof Integer index ? ((List<Object>) container).get(index)
                    : ((Map<String, Object>) container).get((String) step);
        }
        Object last = path.getLast();
        if (last instanceof Integer index) {
            ((List<Object>) container).set(index, value);
        } else {
            ((Map<String, Object>) container).put((String) last, value);
        }
        return copy;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(GraphqlSweep::deepCopy).toList());
        }
        return value;
    }

    private static String document(Schema schema, Schema.Field field, Map<String, String> literals) {
        String declarations = field.args().stream().filter(a -> !literals.containsKey(a.name()))
                .map(a -> "$" + a.name() + ": " + a.type().text()).collect(Collectors.joining(", "));
        String arguments = field.args().stream()
                .map(a -> a.name() + ": " + literals.getOrDefault(a.name(), "$" + a.name())).collect(Collectors.joining(", "));
        return field.operation() + (declarations.isEmpty() ? "" : "(" + declarations + ")") + " { " + field.name()
                + (arguments.isEmpty() ? "" : "(" + arguments + ")")
                + (schema.composite(field.type()) ? " { __typename }" : "") + " }";
    }

    private void send(Schema schema, Schema.Field field, Map<String, Object> variables, Position position, BadValues.Bad value) {
        String body = Json.write(Map.of("query", document(schema, field, Map.of()), "variables", variables));
        check(field, position, value.label(), body);
    }

    /** The bad text written into the document itself, where the parser rather than variable coercion meets it. */
    private void sendLiteral(Schema schema, Schema.Field field, Map<String, Object> args, Position position, String text,
                             String label) {
        String arg = (String) position.path().getFirst();
        Map<String, Object> variables = new LinkedHashMap<>(args);
        variables.remove(arg);
        String body = Json.write(Map.of("query", document(schema, field, Map.of(arg, Json.write(text))), "variables", variables));
        check(field, position, label + " (literal)", body);
    }

    private void check(Schema.Field field, Position position, String label, String body) {
        String surface = "graphql " + field.operation();
        report.tried(surface);
        String what = field.operation() + " " + field.name() + " " + position.text() + " = " + label;
        Optional<Answer> answer;
        try {
            answer = post(body, field.operation().equals("subscription"));
        } catch (IOException e) {
            report.serverError(what + ": connection failed: " + e);
            return;
        }
        if (answer.isEmpty()) {
            return; // a subscription that was accepted and is waiting for events
        }
        Answer response = answer.get();
        if (response.status() >= 500) {
            report.serverError(what + ": HTTP " + response.status() + " " + excerpt(response.body()));
            return;
        }
        JsonNode json = Json.read(firstEvent(response.body()));
        List<JsonNode> errors = json.path("errors").valueStream().toList();
        if (errors.stream().anyMatch(e -> e.at("/extensions/classification").asString("").equals("INTERNAL_ERROR"))) {
            report.internalError(what + ": " + excerpt(json.path("errors").toString()));
            return;
        }
        List<JsonNode> userErrors = json.at("/data/" + field.name() + "/userErrors").valueStream().toList();
        // userErrors name their field by construction; a top-level error must say which field it
        // refuses, unless it is about who is asking rather than what was sent.
        List<JsonNode> aboutInput = errors.stream().filter(e -> !NOT_ABOUT_A_FIELD.contains(
                e.at("/extensions/classification").asString(""))).toList();
        if (response.status() == 413) {
            return;
        }
        if (!aboutInput.isEmpty() || (response.status() >= 400 && errors.isEmpty() && userErrors.isEmpty())) {
            String said = aboutInput.isEmpty() ? response.body()
                    : aboutInput.stream().map(JsonNode::toString).collect(Collectors.joining(" "));
            if (!said.toLowerCase(Locale.ROOT).contains(position.leaf().toLowerCase(Locale.ROOT))) {
                report.unnamed(what + ": " + excerpt(said));
            }
        }
    }

    /** For SSE, the first event's data; otherwise the body itself. */
    private static String firstEvent(String body) {
        return body.lines().filter(l -> l.startsWith("data:")).findFirst().map(l -> l.substring(5)).orElse(body);
    }

    /** An HTTP answer; for a subscription, cut to its first event. */
    record Answer(int status, String body) {}

    private Optional<Answer> post(String body, boolean subscription) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (subscription) {
            // An accepted subscription answers with its first event, which may never come.
            request.header("Accept", "text/event-stream").timeout(Duration.ofSeconds(3));
        }
        try {
            if (subscription) {
                HttpResponse<Stream<String>> stream = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = stream.body()) {
                    String first = lines.filter(l -> l.startsWith("data:")).findFirst().orElse("");
                    return Optional.of(new Answer(stream.statusCode(), first));
                }
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), response.body()));
        } catch (HttpTimeoutException accepted) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String excerpt(String text) {
        return text.length() > 400 ? text.substring(0, 400) + " ..." : text;
    }
}
