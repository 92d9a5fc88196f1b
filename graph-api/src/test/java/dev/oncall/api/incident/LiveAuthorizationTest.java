package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.service.Service;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Authorization follows changes while connections are open: a revoked token's WebSocket is
 * closed with 4403 within seconds (and refused at its next subscribe), its SSE stream ends, and
 * a person removed from a team stops receiving that team's incidents. Real server, real
 * clients, the default re-check interval.
 */
class LiveAuthorizationTest extends IncidentTestBase {
    /** What the issue promises: a revoked token's live subscription ends within this. */
    private static final Duration PROMISED = Duration.ofSeconds(5);
    private static final String UPDATES = "subscription($team: ID!) { incidentUpdates(teamId: $team) { event { kind } } }";

    private Crew crew;
    private Service service;

    @BeforeEach
    void team() {
        clock.set(START);
        crew = crew();
        service = service(crew);
    }

    @Test
    void revokingATokenClosesItsLiveWebSocketWith4403() throws Exception {
        PersonalToken token = personalToken(crew.id("OBSERVER"));
        try (TransportSocket socket = TransportSocket.open(port, token.secret())) {
            socket.subscribe("1", UPDATES, Map.of("team", crew.teamId()));
            awaitLive(socket, "1");

            revoke(token);

            TransportSocket.Closed closed = socket.closedWithin(PROMISED);
            assertThat(closed).as("closed within " + PROMISED).isNotNull();
            assertThat(closed.code()).isEqualTo(4403);
            assertThat(closed.reason()).isEqualTo("Forbidden");
        }
    }

    @Test
    void aSubscribeWithATokenRevokedSinceConnectingIsRefused() throws Exception {
        PersonalToken token = personalToken(crew.id("OBSERVER"));
        try (TransportSocket socket = TransportSocket.open(port, token.secret())) {
            revoke(token);

            socket.subscribe("1", UPDATES, Map.of("team", crew.teamId()));

            TransportSocket.Closed closed = socket.closedWithin(PROMISED);
            assertThat(closed).as("closed within " + PROMISED).isNotNull();
            assertThat(closed.code()).isEqualTo(4403);
            assertThat(socket.next("next", Duration.ZERO)).isNull();
        }
    }

    @Test
    void aPersonRemovedFromTheTeamStopsReceivingItsIncidents() throws Exception {
        try (TransportSocket socket = TransportSocket.open(port, crew.token("OBSERVER"))) {
            socket.subscribe("1", UPDATES, Map.of("team", crew.teamId()));
            awaitLive(socket, "1");

            as(crew.token("ADMIN")).mutate("removeMember", "deletedId",
                    Map.of("teamId", crew.teamId(), "userId", crew.id("OBSERVER")));

            JsonNode error = socket.next("error", PROMISED);
            assertThat(error).as("the subscription ended with an error within " + PROMISED).isNotNull();
            assertThat(error.path("id").asString()).isEqualTo("1");
            assertThat(error.at("/payload/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
            assertThat(error.at("/payload/0/message").asString()).isEqualTo("you are no longer a member of this team");
            assertThat(socket.isOpen()).as("their token still works: only that team's subscription ends").isTrue();

            trigger(service, "after-removal");
            assertThat(socket.next("next", Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void revokingATokenEndsItsSseSubscription() throws Exception {
        PersonalToken token = personalToken(crew.id("OBSERVER"));
        String body = JSON.writeValueAsString(Map.of("query", UPDATES, "variables", Map.of("team", crew.teamId())));
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("failed: " + e);
            }
            lines.add("<end>");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        do {
            assertThat(System.nanoTime()).as("an update within the deadline").isLessThan(deadline);
            trigger(service, unique("sse"));
            line = lines.poll(300, TimeUnit.MILLISECONDS);
        } while (line == null || !line.contains("incidentUpdates"));

        revoke(token);

        StringBuilder rest = new StringBuilder();
        long end = System.nanoTime() + PROMISED.toNanos();
        while (!rest.toString().endsWith("<end>")) {
            String next = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(next).as("the stream ended within " + PROMISED + "; read so far: " + rest).isNotNull();
            rest.append(next.contains("incidentUpdates") ? "" : next);
        }
        assertThat(rest.toString()).contains("the token was revoked or has expired").contains("UNAUTHORIZED");
        reader.join(Duration.ofSeconds(1));
    }

    /** Waits until the subscription delivers, by triggering incidents of the team until one arrives. */
    private void awaitLive(TransportSocket socket, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode next;
        do {
            assertThat(System.nanoTime()).as("subscription " + id + " live within the deadline").isLessThan(deadline);
            trigger(service, unique("live"));
            next = socket.next("next", Duration.ofMillis(300));
        } while (next == null);
        assertThat(next.path("id").asString()).isEqualTo(id);
    }

    private record PersonalToken(String id, String secret) {}

    /** A personal token the person makes for themselves through the API. */
    private PersonalToken personalToken(String userId) {
        JsonNode created = as(tokenFor(userId)).mutate("createApiToken", "apiToken { id } token",
                Map.of("name", unique("live")));
        return new PersonalToken(created.at("/apiToken/id").asString(), created.get("token").asString());
    }

    private void revoke(PersonalToken token) {
        as(token.secret()).mutate("revokeApiToken", "apiToken { id revokedAt }", Map.of("id", token.id()));
    }
}
