package dev.oncall.api.incident;

import static dev.oncall.api.incident.UpdateStreams.kinds;
import static dev.oncall.api.incident.UpdateStreams.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.platform.db.Rows;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import tools.jackson.databind.JsonNode;

/**
 * The live log of a team's incidents over real WebSocket and SSE clients: an alert arrives
 * through the Events API, is paged by "the worker", acknowledged through GraphQL, and a client
 * that disconnects and comes back with its last cursor receives exactly what it missed, in order,
 * including an event that committed late, and nothing it already had.
 */
class IncidentUpdatesTest extends TeamStreamTestBase {
    @Test
    void anAlertIsFollowedLiveAndAReconnectingClientGetsExactlyWhatItMissed() throws Exception {
        Gql manager = as(crew.token("MANAGER"));
        String secret = manager.mutate("createIntegrationKey", "integrationKey { secret }", Map.of(
                "serviceId", service.id(), "type", "EVENTS_V2", "name", "prometheus")).at("/integrationKey/secret").asString();
        BlockingQueue<JsonNode> live = streams.subscribe(null);
        BlockingQueue<JsonNode> overSse = new LinkedBlockingQueue<>();
        AtomicReference<Stream<String>> sse = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> sse(crew.token("OBSERVER"), Map.of("team", crew.teamId()), sse)
                .filter(line -> line.startsWith("data:"))
                .map(line -> JSON.readTree(line.substring(5)).at("/data/incidentUpdates"))
                .filter(node -> !node.isMissingNode())
                .forEach(overSse::add));
        try {
            awaitLive(List.of(live, overSse));
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url("/v2/enqueue")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk/db-1",
                             "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical"}}"""
                            .formatted(secret))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            JsonNode listed = manager.data("query($team: ID) { incidents(teamId: $team) { edges { node { id title status } } } }",
                    Map.of("team", crew.teamId())).at("/incidents/edges/0/node");
            assertThat(listed.get("title").asString()).isEqualTo("Disk full on db-1");
            UUID incident = UUID.fromString(listed.get("id").asString());

            fireDue(incident);
            assertThat(kinds(next(live, 3))).containsExactly("TRIGGERED", "STEP_FIRED", "INTENT_CREATED");
            as(crew.token("RESPONDER")).mutate("acknowledge", "changed", Map.of("incidentId", incident));
            JsonNode ack = next(live, 1).getFirst();
            assertThat(ack.at("/event/kind").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(ack.at("/event/channel").asString()).isEqualTo("GRAPHQL");
            assertThat(ack.at("/event/actor/user/id").asString()).isEqualTo(crew.id("RESPONDER"));
            assertThat(ack.at("/event/incident/status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(ack.at("/event/incidentId").asString()).isEqualTo(incident.toString());
            assertThat(kinds(next(overSse, 4))).containsExactly("TRIGGERED", "STEP_FIRED", "INTENT_CREATED", "ACKNOWLEDGED");
            String lastCursor = ack.get("cursor").asString();

            // Gone for a while: two notes and the resolution, and an event stamped before them that
            // committed late (a slow transaction).
            streams.disconnectLatest();
            clock.advance(Duration.ofSeconds(1));
            as(crew.token("RESPONDER")).mutate("addNote", "changed", Map.of("incidentId", incident, "note", "one"));
            clock.advance(Duration.ofSeconds(1));
            as(crew.token("RESPONDER")).mutate("addNote", "changed", Map.of("incidentId", incident, "note", "two"));
            as(crew.token("RESPONDER")).mutate("resolve", "changed", Map.of("incidentId", incident));
            commitLate(incident, 8, START.minusSeconds(3));

            BlockingQueue<JsonNode> resumed = streams.subscribe(lastCursor);
            List<JsonNode> missed = next(resumed, 4);
            assertThat(missed).extracting(u -> u.at("/event/seq").asInt()).containsExactly(5, 6, 7, 8);
            assertThat(kinds(missed)).containsExactly("NOTE", "NOTE", "RESOLVED", "NOTE");
            // Nothing else was waiting: the next update is the one recorded now.
            as(crew.token("RESPONDER")).mutate("addNote", "changed", Map.of("incidentId", incident, "note", "marker"));
            assertThat(next(resumed, 1).getFirst().at("/event/data/note").asString()).isEqualTo("marker");

            // Resuming from the middle of what was missed sends the rest only.
            BlockingQueue<JsonNode> again = streams.subscribe(missed.get(1).get("cursor").asString());
            assertThat(next(again, 3)).extracting(u -> u.at("/event/seq").asInt()).containsExactly(7, 8, 9);
        } finally {
            if (sse.get() != null) {
                sse.get().close();
            }
            reader.interrupt();
        }
    }

    @Test
    void onlyMembersSubscribeAndOnlyWithCursorsTheServerIssued() {
        WebSocketGraphQlClient stranger = WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                new StandardWebSocketClient()).interceptor(UpdateStreams.bearer(crew().token("ADMIN"))).build();
        try {
            assertThatThrownBy(() -> stranger.document(UpdateStreams.SUBSCRIPTION).variable("team", crew.teamId())
                    .executeSubscription().blockFirst(Duration.ofSeconds(30)))
                    .hasMessageContaining("not a member");
        } finally {
            stranger.stop().block(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> streams.client().document(UpdateStreams.SUBSCRIPTION).variable("team", crew.teamId())
                .variable("after", "bm9wZQ").executeSubscription().blockFirst(Duration.ofSeconds(30)))
                .hasMessageContaining("after is not a cursor");
    }

    /** Inserts an event as a transaction that read the clock at {@code at} and committed only now would. */
    private void commitLate(UUID incident, long seq, java.time.Instant at) {
        db().sql("UPDATE incidents SET event_seq = :seq WHERE id = :id").param("seq", seq).param("id", incident).update();
        db().sql("""
                        INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel, data, created_at)
                        VALUES (:i, :team, :seq, 'note', 'system', 'test', 'graphql', '{"note": "late"}', :t)""")
                .param("i", incident).param("team", UUID.fromString(crew.teamId())).param("seq", seq)
                .param("t", Rows.param(at)).update();
    }

    private Stream<String> sse(String token, Map<String, Object> variables, AtomicReference<Stream<String>> holder) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", UpdateStreams.SUBSCRIPTION,
                        "variables", variables))))
                .build();
        // Headers come with the first event, so this returns once the stream has something to say.
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        holder.set(response.body());
        return response.body();
    }
}
