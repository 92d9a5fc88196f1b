package dev.oncall.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.JsonNode;

/**
 * Text no field may hold (NUL, the other C0 controls but tab and line breaks, DEL, half a
 * surrogate pair) is refused in every argument of the schema, inline or in variables, before
 * anything runs: a BAD_REQUEST naming the argument path, never a server error. One-line fields
 * refuse tabs and line breaks too, as userErrors of their mutation.
 */
class TextArgumentsTest extends ApiTest {
    /** Every character no text may hold, each alone, in the middle of ordinary text. */
    static final List<String> NEVER_STORABLE = IntStream.concat(
                    IntStream.rangeClosed(0, 0x1F).filter(c -> c != '\t' && c != '\n' && c != '\r'),
                    IntStream.of(0x7F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF))
            .mapToObj(c -> "on" + (char) c + "call").toList();

    @Autowired
    private GraphQlSource graphQl;

    private Crew crew;

    @BeforeEach
    void setUp() {
        crew = crew();
    }

    @Test
    void everyArgumentOfTheSchemaRefusesTextNoFieldMayHoldNamingIt() {
        List<ArgumentSweep.Case> cases = new ArgumentSweep(graphQl.schema())
                .cases(ArgumentSweep.TEXT_SCALARS, i -> NEVER_STORABLE.get(i % NEVER_STORABLE.size()));
        assertThat(cases).extracting(c -> c.document().split("[ (]")[0]).as("every kind of operation is swept")
                .contains("query", "mutation", "subscription");
        assertThat(cases.size()).as("text places in the schema").isGreaterThan(150);

        SoftAssertions softly = new SoftAssertions();
        for (ArgumentSweep.Case c : cases) {
            boolean halfSurrogate = c.document().contains("\\uD") || c.document().contains("\\ud");
            JsonNode answer = send(c.document(), c.variables());
            JsonNode error = answer.at("/errors/0");
            if (!c.inVariables() && halfSurrogate) {
                // GraphQL's grammar has no escape for half a pair: the document does not parse.
                softly.assertThat(error.at("/extensions/classification").asString()).as(c + ": " + answer)
                        .isEqualTo("InvalidSyntax");
            } else {
                softly.assertThat(error.at("/extensions/classification").asString()).as(c + ": " + answer)
                        .isEqualTo("BAD_REQUEST");
                softly.assertThat(error.at("/extensions/field").asString()).as(c + ": " + answer).isEqualTo(c.field());
                softly.assertThat(error.at("/message").asString()).as(c + ": " + answer)
                        .startsWith(c.field() + ": must not contain");
            }
            softly.assertThat(error.at("/locations/0/line").asInt()).as(c + ": " + answer).isPositive();
            softly.assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).as(c + ": " + answer)
                    .isTrue();
        }
        softly.assertAll();
    }

    @Test
    void everyIdArgumentOfTheSchemaRefusesWhatIsNotAnId() {
        List<String> notIds = List.of("", " ", "x", "1-1-1-1-1", "{" + crew.teamId() + "}", crew.teamId() + " ",
                crew.teamId().replace("-", ""), "urn:uuid:" + crew.teamId());
        List<ArgumentSweep.Case> cases = new ArgumentSweep(graphQl.schema())
                .cases(java.util.Set.of("ID"), i -> notIds.get(i % notIds.size()));
        assertThat(cases.size()).as("id places in the schema").isGreaterThan(50);

        SoftAssertions softly = new SoftAssertions();
        for (ArgumentSweep.Case c : cases) {
            JsonNode answer = send(c.document(), c.variables());
            softly.assertThat(answer.at("/errors/0/extensions/classification").asString()).as(c + ": " + answer)
                    .isEqualTo("BAD_REQUEST");
            softly.assertThat(answer.at("/errors/0/extensions/field").asString()).as(c + ": " + answer).isEqualTo(c.field());
            softly.assertThat(answer.at("/errors/0/message").asString()).as(c + ": " + answer)
                    .startsWith(c.field() + ": is not an id");
        }
        softly.assertAll();
    }

    @Test
    void everyBadCharacterIsRefusedAndNothingIsWritten() {
        for (String bad : NEVER_STORABLE) {
            for (boolean inVariables : List.of(true, false)) {
                String document = inVariables
                        ? "mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }"
                        : "mutation { createTeam(input: {name: " + ArgumentSweep.JSON.writeValueAsString(bad) + "}) { team { id } } }";
                JsonNode answer = send(document, inVariables ? Map.of("input", Map.of("name", bad)) : Map.of());
                String shown = String.format("U+%04X", (int) bad.charAt(2));
                if (!inVariables && Character.isSurrogate(bad.charAt(2))) {
                    // GraphQL's grammar has no escape for half a pair: the document does not parse.
                    assertThat(answer.at("/errors/0/extensions/classification").asString()).as(shown).isEqualTo("InvalidSyntax");
                    assertThat(answer.at("/errors/0/locations/0/line").asInt()).as(shown).isEqualTo(1);
                    continue;
                }
                assertThat(answer.at("/errors/0/message").asString()).as(shown)
                        .isEqualTo("input.name: must not contain " + (Character.isSurrogate(bad.charAt(2))
                                ? "half of a surrogate pair" : "control characters") + " (" + shown + " at character 3)");
                assertThat(answer.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
            }
        }
        assertThat(admin().data("{ teams(first: 100) { edges { node { name } } } }").findValuesAsString("name"))
                .noneMatch(name -> name.startsWith("on") && name.endsWith("call"));
    }

    @Test
    void eachBadValueOfARequestIsNamedInVariablesAndInlineAndInEveryOperationOfTheDocument() {
        JsonNode answer = send("""
                mutation($d: String, $layers: [LayerInput!]) {
                  a: createTeam(input: {name: "ok\\u0001", description: $d}) { team { id } }
                  b: createSchedule(input: {teamId: "%s", name: "x", timezone: "UTC\\u0000", layers: $layers}) { schedule { id } }
                }""".formatted(crew.teamId()), Map.of("d", "fine\ttext\r\n\u007F", "layers", List.of(Map.of(
                "name", "l", "start", "2026-03-02T09:00", "rotation", Map.of("type", "DAILY", "length", 1),
                "participants", List.of(crew.id("RESPONDER"), "\u0000")))));
        List<String> fields = new ArrayList<>();
        answer.get("errors").forEach(e -> fields.add(e.at("/extensions/field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("input.name", "input.description", "input.timezone",
                "input.layers[0].participants[1]");
    }

    /** graphql-java parses each request anew: a document seen before is still checked with its new variables. */
    @Test
    void aDocumentSentAgainIsCheckedAgain() {
        String document = "mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }";
        assertThat(send(document, Map.of("input", Map.of("name", unique("fine")))).at("/data/createTeam/team/id")
                .asString()).isNotBlank();
        assertThat(send(document, Map.of("input", Map.of("name", "bad\u0000"))).at("/errors/0/extensions/field")
                .asString()).isEqualTo("input.name");
    }

    @Test
    void tabsAndLineBreaksAreFreeTextButNotPartOfANameOrAHandle() {
        Gql admin = as(crew.token("ADMIN"));
        for (String lineBreak : List.of("\t", "\n", "\r")) {
            JsonNode team = admin().attempt("createTeam", "team { description }",
                    Map.of("name", unique("a") + lineBreak + "b", "description", "line one" + lineBreak + "line two"));
            assertThat(team.at("/data/createTeam/userErrors/0/field").asString()).isEqualTo("input.name");
            assertThat(team.at("/data/createTeam/userErrors/0/message").asString()).startsWith("must be a single line");
            assertThat(team.at("/data/createTeam/userErrors").size()).isEqualTo(1);

            JsonNode user = admin().attempt("createUser", "user { id }", Map.of("teamId", crew.teamId(), "role", "OBSERVER",
                    "handle", unique("h"), "name", "Ann" + lineBreak + "Smith", "email", unique("e") + "@example.com",
                    "timezone", "UTC"));
            assertThat(user.at("/data/createUser/userErrors/0/field").asString()).isEqualTo("input.name");

            JsonNode layer = admin.attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(), "name",
                    unique("s"), "timezone", "UTC", "layers", List.of(Map.of("name", "day" + lineBreak + "shift",
                            "start", "2026-03-02T09:00", "rotation", Map.of("type", "DAILY", "length", 1),
                            "participants", List.of(crew.id("RESPONDER"))))));
            assertThat(layer.at("/data/createSchedule/userErrors/0/field").asString()).isEqualTo("input.layers[0].name");
        }
        JsonNode described = admin().mutate("createTeam", "team { description }",
                Map.of("name", unique("a"), "description", "line one\n\tline two\r\n"));
        assertThat(described.at("/team/description").asString()).isEqualTo("line one\n\tline two\r\n");
    }

    @Test
    void veryLongTextIsRefusedByItsFieldsLimit() {
        Gql manager = as(crew.token("MANAGER"));
        String longer = "x".repeat(20_000);
        JsonNode layer = manager.attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(), "name",
                unique("s"), "timezone", "UTC", "layers", List.of(Map.of("name", "l".repeat(101),
                        "start", "2026-03-02T09:00", "rotation", Map.of("type", "DAILY", "length", 1),
                        "participants", List.of(crew.id("RESPONDER"))))));
        assertThat(layer.at("/data/createSchedule/userErrors/0/field").asString()).isEqualTo("input.layers[0].name");
        assertThat(layer.at("/data/createSchedule/userErrors/0/message").asString()).contains("at most 100");

        for (String field : List.of("name", "description")) {
            Map<String, Object> input = new java.util.HashMap<>(Map.of("name", unique("t"), "description", "d"));
            input.put(field, longer);
            JsonNode team = admin().attempt("createTeam", "team { id }", input);
            assertThat(team.at("/data/createTeam/userErrors/0/field").asString()).isEqualTo("input." + field);
            assertThat(team.at("/errors").isMissingNode()).isTrue();
        }
    }

    /** Posts a request as a client would; a subscription is read over SSE up to its first event. */
    private JsonNode send(String document, Map<String, Object> variables) {
        String body = ArgumentSweep.JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        boolean subscription = document.startsWith("subscription");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .header("Accept", subscription ? "text/event-stream" : "application/json")
                // The installation owner, who may create teams, and admin of the crew's team.
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // A subscription that starts instead of being refused would stream on: read with a deadline.
        CompletableFuture<HttpResponse<Stream<String>>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        AtomicReference<Stream<String>> open = new AtomicReference<>();
        try {
            return CompletableFuture.supplyAsync(() -> {
                HttpResponse<Stream<String>> response = sent.join();
                open.set(response.body());
                try (Stream<String> lines = response.body()) {
                    String text = subscription
                            ? lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5)
                            : lines.collect(Collectors.joining("\n"));
                    assertThat(response.statusCode()).as(body + " -> " + text).isLessThan(500);
                    return JSON.readTree(text);
                }
            }, Executors.newVirtualThreadPerTaskExecutor()).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            if (open.get() != null) {
                open.get().close();
            }
            throw new AssertionError("no answer within 30 s to " + body + ": the operation ran instead of being refused");
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
