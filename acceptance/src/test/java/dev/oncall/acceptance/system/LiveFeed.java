package dev.oncall.acceptance.system;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A team's {@code incidentUpdates} as a dashboard follows it, through stock clients: Spring's
 * {@link WebSocketGraphQlClient} (graphql-transport-ws) or its {@link HttpGraphQlClient}, which
 * subscribes over SSE. Every update is kept in arrival order.
 */
public final class LiveFeed implements AutoCloseable {
    public enum Transport { WEBSOCKET, SSE }

    public static final String SUBSCRIPTION = """
            subscription($team: ID!, $after: String) { incidentUpdates(teamId: $team, after: $after) {
              cursor event { id incidentId seq kind channel data createdAt actor { type } } } }""";

    private final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Disposable subscription;
    private final Optional<WebSocketGraphQlClient> socket;

    private LiveFeed(Transport transport, Installation installation, String token, String teamId, Optional<String> after) {
        GraphQlClient client;
        if (transport == Transport.WEBSOCKET) {
            WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(URI.create(installation.wsUrl()), new StandardWebSocketClient())
                    .interceptor(new WebSocketGraphQlClientInterceptor() {
                        @Override
                        public Mono<Object> connectionInitPayload() {
                            return Mono.just(Map.of("Authorization", "Bearer " + token));
                        }
                    }).build();
            socket = Optional.of(ws);
            client = ws;
        } else {
            socket = Optional.empty();
            client = HttpGraphQlClient.builder(WebClient.builder().clientConnector(new JdkClientHttpConnector())
                    .baseUrl(installation.url("/graphql")).defaultHeader("Authorization", "Bearer " + token).build()).build();
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("team", teamId);
        after.ifPresent(cursor -> variables.put("after", cursor));
        subscription = client.document(SUBSCRIPTION).variables(variables).executeSubscription()
                .subscribe(response -> {
                    if (!response.getErrors().isEmpty()) {
                        failures.add(new AssertionError("subscription errors: " + response.getErrors()));
                    } else {
                        updates.add(Gql.JSON.valueToTree(response.toMap()).at("/data/incidentUpdates"));
                    }
                }, failures::add);
    }

    /** Follows the team from now on (or from {@code after}, resuming). */
    public static LiveFeed open(Transport transport, Installation installation, String token, String teamId,
                                Optional<String> after) {
        return new LiveFeed(transport, installation, token, teamId, after);
    }

    /** Every update so far, in arrival order. */
    public List<JsonNode> updates() {
        failIfBroken();
        return List.copyOf(updates);
    }

    /** Waits until an update matches, and returns every update up to and including it. */
    public List<JsonNode> until(String what, Predicate<JsonNode> update) {
        return Poll.value(what + " on the live feed", Duration.ofSeconds(60), () -> {
            List<JsonNode> now = updates();
            for (int i = 0; i < now.size(); i++) {
                if (update.test(now.get(i))) {
                    return Optional.of(now.subList(0, i + 1));
                }
            }
            return Optional.empty();
        });
    }

    /** How the feed ended (the error its subscription ended with), waiting up to {@code timeout} for it to end. */
    public Throwable endedWithin(Duration timeout) {
        return Poll.value("the live feed to end", timeout, () -> failures.stream().findFirst());
    }

    private void failIfBroken() {
        if (!failures.isEmpty()) {
            throw new AssertionError("the live feed failed: " + failures.getFirst(), failures.getFirst());
        }
    }

    /** Goes away as a closed laptop does: the subscription ends and the connection closes. */
    @Override
    public void close() {
        subscription.dispose();
        socket.ifPresent(ws -> ws.stop().block(Duration.ofSeconds(5)));
    }

    /** The kind of an update's event. */
    public static String kind(JsonNode update) {
        return update.at("/event/kind").asString();
    }
}
