package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.schedule.ScheduleLoader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The story of a team setting up on-call through the API, over real HTTP and WebSocket: people,
 * a three-layer schedule with restrictions, an override, a cover request and its claim, a
 * policy and a service; the timeline is the engine's, and live subscribers see handoffs as the
 * clock passes them.
 */
class EndToEndTest extends ApiTest {
    private static final String SCHEDULE_FIELDS = "schedule { id version }";

    @Autowired
    ScheduleLoader scheduleLoader;

    @Test
    void aTeamSetsUpOnCallAndTheApiAnswersWhatTheEngineComputes() throws Exception {
        clock.set(START);
        Crew crew = crew();
        Gql admin = as(crew.token("ADMIN"));
        Gql manager = as(crew.token("MANAGER"));
        String alice = crew.id("MANAGER");
        String bob = crew.id("RESPONDER");
        // A new person joins by the installation owner's hand; a team admin may only invite.
        String carol = admin().mutate("createUser", "user { id }", Map.of("teamId", crew.teamId(), "role", "RESPONDER",
                "handle", unique("carol"), "name", "Carol", "email", unique("carol") + "@example.com",
                "timezone", "Asia/Kathmandu")).at("/user/id").asString();

        // Three layers in New York: a weekly base, working hours on weekdays, and nights.
        JsonNode created = manager.mutate("createSchedule", SCHEDULE_FIELDS, Map.of("teamId", crew.teamId(),
                "name", "primary", "timezone", "America/New_York", "layers", List.of(
                        layer("base", "2026-03-02T09:00", "WEEKLY", List.of(alice, bob, carol), List.of()),
                        layer("working hours", "2026-03-02T09:00", "DAILY", List.of(bob, carol), List.of(Map.of(
                                "type", "WEEKLY", "startDay", "MONDAY", "start", "09:00", "endDay", "FRIDAY", "end", "17:00"))),
                        layer("nights", "2026-03-02T00:00", "WEEKLY", List.of(carol), List.of(Map.of(
                                "type", "DAILY", "start", "22:00", "end", "06:00"))))));
        String scheduleId = created.at("/schedule/id").asString();
        assertThat(created.at("/schedule/version").asInt()).isEqualTo(1);

        // Bob covers a lunch hour himself; Alice, on call through the base layer on Saturday, asks for cover.
        as(crew.token("RESPONDER")).mutate("createOverride", "override { id user { id } }", Map.of(
                "scheduleId", scheduleId, "start", "2026-03-03T17:00:00Z", "end", "2026-03-03T18:00:00Z"));
        JsonNode request = manager.mutate("requestCoverage", "coverageRequest { id status }", Map.of(
                "scheduleId", scheduleId, "start", "2026-03-07T17:00:00Z", "end", "2026-03-07T19:00:00Z",
                "reason", "family lunch"));
        assertThat(request.at("/coverageRequest/status").asString()).isEqualTo("OPEN");
        JsonNode claim = as(tokenFor(carol)).mutate("claimCoverage", "coverageRequest { status claimedBy { id } }",
                Map.of("id", request.at("/coverageRequest/id").asString()));
        assertThat(claim.at("/coverageRequest/claimedBy/id").asString()).isEqualTo(carol);

        // The timeline over two weeks is exactly the engine's rendering of the stored schedule.
        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        Instant to = Instant.parse("2026-03-16T00:00:00Z");
        JsonNode timeline = manager.data("""
                query($id: ID!, $from: DateTime!, $to: DateTime!) { schedule(id: $id) {
                  version timeline(from: $from, to: $to, zone: "Asia/Kathmandu") {
                    zone segments { start end startLocal users { id } } gaps { start end } } } }""",
                Map.of("id", scheduleId, "from", from.toString(), "to", to.toString())).at("/schedule");
        Timeline expected = ScheduleEngine.render(scheduleLoader.load(UUID.fromString(scheduleId), from, to).orElseThrow()
                .toSchedule(), from, to);
        assertThat(segments(timeline.at("/timeline/segments"))).isEqualTo(expected.segments());
        assertThat(timeline.at("/timeline/gaps")).hasSize(expected.gaps().size());
        assertThat(timeline.at("/timeline/zone").asString()).isEqualTo("Asia/Kathmandu");
        assertThat(timeline.at("/timeline/segments/0/startLocal").asString()).endsWith("+05:45");
        // Three changes since creation (override, cover request, claim) each bumped the version once.
        assertThat(timeline.get("version").asInt()).isEqualTo(4);
        // The claim took exactly the requested part of Alice's Saturday, and nothing more.
        assertThat(onCall(manager, scheduleId, "2026-03-07T18:00:00Z")).containsExactly(carol);
        assertThat(onCall(manager, scheduleId, "2026-03-07T19:00:00Z")).containsExactly(alice);
        assertThat(onCall(manager, scheduleId, "2026-03-03T17:30:00Z")).containsExactly(bob);

        // A policy paging the schedule, then the team; a service using it.
        JsonNode policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id steps { position } }", Map.of(
                "teamId", crew.teamId(), "name", "default", "repeatCount", 1, "steps", List.of(
                        Map.of("escalateAfterSeconds", 300, "targets", List.of(Map.of("type", "SCHEDULE", "id", scheduleId))),
                        Map.of("escalateAfterSeconds", 600, "targets", List.of(Map.of("type", "TEAM", "id", crew.teamId()))))));
        String policyId = policy.at("/escalationPolicy/id").asString();
        manager.mutate("createService", "service { id escalationPolicy { id } }", Map.of("teamId", crew.teamId(),
                "name", "checkout", "escalationPolicyId", policyId));
        JsonNode who = as(crew.token("OBSERVER")).data("""
                query($p: ID!) { whoIsOnCall(policyId: $p, at: "2026-03-07T18:00:00Z") { level users { id } } }""",
                Map.of("p", policyId)).get("whoIsOnCall");
        assertThat(who.get(0).get("level").asInt()).isEqualTo(1);
        assertThat(ids(who.get(0).get("users"))).containsExactly(carol);
        // The team step pages every member but the observer, as paging does (the bootstrap admin who made the team is one).
        assertThat(ids(who.get(1).get("users"))).hasSize(5).contains(alice, bob, carol)
                .doesNotContain(crew.id("OBSERVER"));

        // The schedule file round-trips through export and import, by handle.
        String exported = manager.data("query($id: ID!) { exportSchedule(id: $id) }", Map.of("id", scheduleId))
                .get("exportSchedule").asString();
        assertThat(exported).contains("America/New_York").doesNotContain(alice);
        JsonNode imported = manager.mutate("importSchedule", "schedule { id version }", Map.of(
                "teamId", crew.teamId(), "name", "copy", "spec", exported));
        String copyId = imported.at("/schedule/id").asString();
        assertThat(manager.data("query($id: ID!) { exportSchedule(id: $id) }", Map.of("id", copyId))
                .get("exportSchedule").asString()).isEqualTo(exported);
    }

    @Test
    void subscribersSeeTheHandoffWhenTheClockPassesIt() throws Exception {
        clock.set(START);
        Crew crew = crew();
        Gql manager = as(crew.token("MANAGER"));
        String alice = crew.id("MANAGER");
        String bob = crew.id("RESPONDER");
        String scheduleId = manager.mutate("createSchedule", SCHEDULE_FIELDS, Map.of("teamId", crew.teamId(),
                "name", "primary", "timezone", "Europe/London", "layers", List.of(
                        layer("base", "2026-03-01T09:00", "DAILY", List.of(alice, bob), List.of()))))
                .at("/schedule/id").asString();
        Instant handoff = Instant.parse(manager.data("query($id: ID!) { schedule(id: $id) { nextHandoff } }",
                Map.of("id", scheduleId)).at("/schedule/nextHandoff").asString());
        assertThat(handoff).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));

        BlockingQueue<JsonNode> overWebSocket = new LinkedBlockingQueue<>();
        WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                        new StandardWebSocketClient())
                .interceptor(bearer(crew.token("OBSERVER")))
                .build();
        Disposable wsSubscription = ws.document("subscription($id: ID!) { onCallChanged(scheduleId: $id) { at users { id } } }")
                .variable("id", scheduleId).executeSubscription()
                .subscribe(r -> overWebSocket.add(change(r)));
        BlockingQueue<JsonNode> overSse = new LinkedBlockingQueue<>();
        Stream<String> sse = sse(crew.token("OBSERVER"),
                "subscription($id: ID!) { onCallChanged(scheduleId: $id) { at users { id } } }", Map.of("id", scheduleId));
        Thread reader = Thread.ofVirtual().start(() -> sse.filter(line -> line.startsWith("data:"))
                .map(line -> JSON.readTree(line.substring(5)).at("/data/onCallChanged"))
                .filter(node -> !node.isMissingNode())
                .forEach(overSse::add));
        try {
            // Alice has been on call since yesterday's 09:00.
            assertThat(ids(next(overWebSocket).get("users"))).containsExactly(alice);
            assertThat(ids(next(overSse).get("users"))).containsExactly(alice);

            clock.set(handoff.plusSeconds(1));

            JsonNode change = next(overWebSocket);
            assertThat(ids(change.get("users"))).containsExactly(bob);
            assertThat(change.get("at").asString()).isEqualTo(handoff.toString());
            assertThat(ids(next(overSse).get("users"))).containsExactly(bob);

            // An edit changes who is on call at once: an override for Alice.
            as(crew.token("MANAGER")).mutate("createOverride", "override { id }", Map.of("scheduleId", scheduleId,
                    "start", handoff.toString(), "end", handoff.plus(Duration.ofHours(2)).toString()));
            assertThat(ids(next(overWebSocket).get("users"))).containsExactly(alice);
        } finally {
            wsSubscription.dispose();
            ws.stop().block(Duration.ofSeconds(5));
            sse.close();
            reader.interrupt();
        }
    }

    /** graphql-transport-ws clients authenticate in connection_init. */
    static WebSocketGraphQlClientInterceptor bearer(String token) {
        return new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return Mono.just(Map.of("Authorization", "Bearer " + token));
            }
        };
    }

    static Map<String, Object> layer(String name, String start, String rotation, List<String> participants,
                                     List<Map<String, Object>> restrictions) {
        return Map.of("name", name, "start", start, "rotation", Map.of("type", rotation, "length", 1),
                "participants", participants, "restrictions", restrictions);
    }

    private static List<String> onCall(Gql gql, String scheduleId, String at) {
        return ids(gql.data("query($id: ID!, $at: DateTime) { schedule(id: $id) { onCall(at: $at) { id } } }",
                Map.of("id", scheduleId, "at", at)).at("/schedule/onCall"));
    }

    private static List<Segment> segments(JsonNode nodes) {
        List<Segment> out = new ArrayList<>();
        for (JsonNode s : nodes) {
            out.add(new Segment(Instant.parse(s.get("start").asString()), Instant.parse(s.get("end").asString()),
                    ids(s.get("users")).stream().map(UserRef::of).toList()));
        }
        return out;
    }

    static List<String> ids(JsonNode users) {
        List<String> out = new ArrayList<>();
        users.forEach(u -> out.add(u.get("id").asString()));
        return out;
    }

    private static JsonNode change(ClientGraphQlResponse response) {
        return JSON.valueToTree(response.toMap()).at("/data/onCallChanged");
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue) throws InterruptedException {
        JsonNode node = queue.poll(30, TimeUnit.SECONDS);
        assertThat(node).as("an event within the deadline").isNotNull();
        return node;
    }

    private Stream<String> sse(String token, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query,
                        "variables", variables))))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
