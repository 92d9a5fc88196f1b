package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stock graphql-transport-ws client following one team's {@code incidentUpdates}, as a test
 * reads them: each subscription fills a queue, read with a deadline.
 */
final class UpdateStreams implements AutoCloseable {
    static final String SUBSCRIPTION = """
            subscription($team: ID!, $after: String) { incidentUpdates(teamId: $team, after: $after) {
              cursor event { id incidentId seq kind code channel data actor { type user { id } } createdAt
                             incident { status } } } }""";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketGraphQlClient ws;
    private final String teamId;
    private final List<Disposable> subscriptions = new ArrayList<>();

    UpdateStreams(int port, String token, String teamId) {
        this.ws = WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                new StandardWebSocketClient()).interceptor(bearer(token)).build();
        this.teamId = teamId;
    }

    WebSocketGraphQlClient client() {
        return ws;
    }

    /** Subscribes from now ({@code after} null) or from a cursor; updates arrive in the returned queue. */
    BlockingQueue<JsonNode> subscribe(String after) {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        var request = ws.document(SUBSCRIPTION).variable("team", teamId);
        if (after != null) {
            request = request.variable("after", after);
        }
        subscriptions.addFirst(request.executeSubscription()
                .subscribe(r -> queue.add(JSON.valueToTree(r.toMap()).at("/data/incidentUpdates"))));
        return queue;
    }

    /** Ends the most recent subscription, as a client going away would. */
    void disconnectLatest() {
        subscriptions.getFirst().dispose();
    }

    /** The next {@code count} updates of a stream, each within 30 s. */
    static List<JsonNode> next(BlockingQueue<JsonNode> queue, int count) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode node = queue.poll(30, TimeUnit.SECONDS);
            assertThat(node).as("update " + (i + 1) + " of " + count + " within the deadline, after " + out).isNotNull();
            out.add(node);
        }
        return out;
    }

    /**
     * A subscription from now on starts when the server has set it up, which the client does not
     * see; so {@code note} adds notes to an incident of the team until every stream has received
     * one, then a last one ("ready") and every stream is read up to it: from there on they hold
     * nothing else.
     */
    static void awaitLive(List<BlockingQueue<JsonNode>> streams, Consumer<String> note) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<BlockingQueue<JsonNode>> waiting = new ArrayList<>(streams);
        while (!waiting.isEmpty()) {
            assertThat(System.nanoTime()).as("every stream live within the deadline").isLessThan(deadline);
            note.accept("ping");
            for (BlockingQueue<JsonNode> stream : List.copyOf(waiting)) {
                if (stream.poll(200, TimeUnit.MILLISECONDS) != null) {
                    waiting.remove(stream);
                }
            }
        }
        note.accept("ready");
        for (BlockingQueue<JsonNode> stream : streams) {
            JsonNode update;
            do {
                update = stream.poll(30, TimeUnit.SECONDS);
                assertThat(update).as("the ready note within the deadline").isNotNull();
            } while (!"ready".equals(update.at("/event/data/note").asString()));
        }
    }

    static List<String> kinds(List<JsonNode> updates) {
        return updates.stream().map(u -> u.at("/event/kind").asString()).toList();
    }

    static WebSocketGraphQlClientInterceptor bearer(String token) {
        return new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return Mono.just(Map.of("Authorization", "Bearer " + token));
            }
        };
    }

    @Override
    public void close() {
        subscriptions.forEach(Disposable::dispose);
        ws.stop().block(Duration.ofSeconds(5));
    }
}
