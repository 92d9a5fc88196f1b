package dev.oncall.acceptance.sweep;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP endpoints outside GraphQL, each from a well-formed request: every field of its JSON or
 * form body given every bad value and every wrong type, or removed; then whole bodies that are
 * not what they should be (null, other JSON types, truncated, 100,000 levels deep, larger than
 * any limit, invalid UTF-8, the wrong content type); then bad path and query parameters as raw
 * bytes. Answers must be below 500 and a 400 must name the field.
 */
public final class HttpSweep {
    private final String baseUrl;
    private final SweepReport report;
    private final BadValues bad = new BadValues(34);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs a form body for a provider's webhook: returns the headers to send with it. */
    public interface Signer extends Function<Map<String, String>, Map<String, String>> {}

    public HttpSweep(String baseUrl, SweepReport report) {
        this.baseUrl = baseUrl;
        this.report = report;
    }

    // ---- JSON bodies -------------------------------------------------------------------------

    /** Sweeps a JSON endpoint; {@code baseline} gives a fresh well-formed body each time (keys may rotate). */
    public void json(String surface, Supplier<String> path, Supplier<JsonNode> baseline, Map<String, String> headers) {
        for (List<Object> at : paths(baseline.get(), List.of())) {
            String leaf = leaf(at);
            JsonNode original = get(baseline.get(), at);
            List<BadValues.Bad> values = new ArrayList<>();
            if (original.isString()) {
                values.addAll(bad.text());
            }
            values.add(new BadValues.Bad("null", BadValues.NULL));
            values.add(new BadValues.Bad("number", 42));
            values.add(new BadValues.Bad("boolean", false));
            values.add(new BadValues.Bad("object", Map.of("a", "b")));
            values.add(new BadValues.Bad("list", List.of("x")));
            for (BadValues.Bad value : values) {
                JsonNode body = baseline.get();
                set(body, at, Json.node(value.value()));
                expect(surface, join(at) + " = " + value.label(), postJson(path.get(), Json.MAPPER.writeValueAsString(body), headers), leaf);
            }
            if (at.getLast() instanceof String) {
                JsonNode body = baseline.get();
                remove(body, at);
                expect(surface, join(at) + " removed", postJson(path.get(), Json.MAPPER.writeValueAsString(body), headers), leaf);
            }
        }
        String valid = Json.MAPPER.writeValueAsString(baseline.get());
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("null", "[]", "\"x\"", "1", "true", "", " ", "{", valid.substring(0, valid.length() - 1),
                valid + valid, "[" + valid + "]")) {
            bodies.put("body " + excerpt(text), text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("body 100,000 levels of arrays", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("body 50,000 levels of objects", ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("body of 10 MB", ("{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("body with invalid UTF-8", concat(valid.substring(0, valid.length() - 1).getBytes(StandardCharsets.UTF_8),
                ",\"z\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1)));
        bodies.put("body with a byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                valid.getBytes(StandardCharsets.UTF_8)));
        bodies.forEach((label, bytes) -> expect(surface, label, send(with(headers, HttpRequest.newBuilder(uri(path.get()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)))), null));
        expect(surface, "text/plain body", send(with(headers, HttpRequest.newBuilder(uri(path.get()))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(valid)))), null);
        expect(surface, "GET", send(with(headers, HttpRequest.newBuilder(uri(path.get())).GET())), null);
    }

    // ---- Form bodies -------------------------------------------------------------------------

    /** Sweeps a form endpoint; the signer (if any) signs each body as its provider would. */
    public void form(String surface, String path, Map<String, String> baseline, Signer signer) {
        for (String field : baseline.keySet()) {
            for (BadValues.Bad value : bad.text()) {
                if (value.value() instanceof String text) {
                    Map<String, String> fields = new LinkedHashMap<>(baseline);
                    fields.put(field, text);
                    expect(surface, field + " = " + value.label(), postForm(path, fields, signer), field);
                }
            }
            Map<String, String> without = new LinkedHashMap<>(baseline);
            without.remove(field);
            expect(surface, field + " removed", postForm(path, without, signer), field);
        }
        expect(surface, "unsigned", postForm(path, baseline, f -> Map.of()), null);
        expect(surface, "empty body", postForm(path, Map.of(), signer), null);
        expect(surface, "GET", send(HttpRequest.newBuilder(uri(path)).GET()), null);
    }

    // ---- Paths and query parameters ------------------------------------------------------------

    /** Raw, percent-encoded bytes for a path segment or query value (where text cannot carry them). */
    static List<String> rawValues() {
        return List.of("%00", "a%00b", "%C0%80", "%ED%A0%80", "%FF%FE", "%", "%zz", "a".repeat(10_000),
                "..%2F..%2Fetc%2Fpasswd", "%0D%0ASet-Cookie:%20x=1", "%F0%9F%94%A5", "%20", "%E2%80%AE");
    }

    /** Sends {@code template} with {@code {}} replaced by each bad value (raw bytes and text). */
    public void url(String surface, String method, String template) {
        List<String> values = new ArrayList<>(rawValues());
        for (BadValues.Bad b : bad.text()) {
            if (b.value() instanceof String s && !s.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
                values.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            }
        }
        for (String value : values) {
            String path = template.replace("{}", value);
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(baseUrl + path));
            } catch (IllegalArgumentException notAUri) {
                continue; // the client itself refuses to send it
            }
            request = method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.noBody());
            expect(surface, method + " " + excerpt(path), send(request), null);
        }
    }

    // ---- Checking -----------------------------------------------------------------------------

    private record Answer(int status, String body, String failure, boolean json) {}

    private void expect(String surface, String what, Answer answer, String leaf) {
        report.tried(surface);
        String where = surface + " " + what;
        if (answer.failure() != null) {
            report.serverError(where + ": " + answer.failure());
        } else if (answer.status() >= 500) {
            report.serverError(where + ": HTTP " + answer.status() + " " + excerpt(answer.body()));
        } else if (answer.status() == 400 && leaf != null && answer.json()
                && !answer.body().toLowerCase(Locale.ROOT).contains(leaf.toLowerCase(Locale.ROOT))) {
            // Pages for people (HTML) and providers' webhooks say what is wrong in their own way;
            // an API's JSON answer names the field.
            report.unnamed(where + ": " + excerpt(answer.body()));
        }
    }

    private Answer postJson(String path, String json, Map<String, String> headers) {
        return send(with(headers, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    private static HttpRequest.Builder with(Map<String, String> headers, HttpRequest.Builder request) {
        headers.forEach(request::header);
        return request;
    }

    /** The form body as sent (and as a signer must sign it). */
    public static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Answer postForm(String path, Map<String, String> fields, Signer signer) {
        String body = formBody(fields);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        return send(with(signer == null ? Map.of() : signer.apply(fields), request));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null,
                    response.headers().firstValue("Content-Type").orElse("").contains("json"));
        } catch (IOException e) {
            return new Answer(0, "", "no answer: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "interrupted", false);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    // ---- JSON paths ---------------------------------------------------------------------------

    /** Every member of every object and the first element of every array, outermost first. */
    static List<List<Object>> paths(JsonNode node, List<Object> prefix) {
        List<List<Object>> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                List<Object> at = append(prefix, name);
                out.add(at);
                out.addAll(paths(node.get(name), at));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> at = append(prefix, 0);
            out.add(at);
            out.addAll(paths(node.get(0), at));
        }
        return out;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> p = new ArrayList<>(path);
        p.add(step);
        return p;
    }

    private static JsonNode get(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static void remove(JsonNode root, List<Object> path) {
        ((ObjectNode) get(root, path.subList(0, path.size() - 1))).remove((String) path.getLast());
    }

    /** The name a field goes by: the last member name on its path. */
    private static String leaf(List<Object> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof String s) {
                return s;
            }
        }
        return "body";
    }

    private static String join(List<Object> path) {
        return path.stream().map(p -> p instanceof Integer i ? "[" + i + "]" : "." + p).collect(Collectors.joining()).substring(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String excerpt(String text) {
        return GraphqlSweep.excerpt(text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
}
