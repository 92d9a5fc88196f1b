package dev.oncall.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * With lowered limits: a legal but slow query is stopped at the operation timeout with a clear
 * error, and live subscriptions are capped per WebSocket connection and per caller, a refused
 * subscribe leaving the connection and its other subscriptions working.
 */
@TestPropertySource(properties = {
        "oncall.api.operation-timeout=2s",
        "oncall.api.max-query-complexity=100000000",
        "oncall.api.max-subscriptions-per-connection=3",
        "oncall.api.max-subscriptions-per-caller=4"})
class OperationLimitsTest extends ApiTest {
    private static final String ON_CALL = "subscription($id: ID!) { onCallChanged(scheduleId: $id) { at users { id } } }";

    private Crew crew;
    private String scheduleId;
    private final List<WebSocketGraphQlClient> clients = new ArrayList<>();
    private final List<Disposable> subscriptions = new ArrayList<>();

    @BeforeEach
    void setUp() {
        crew = crew();
        scheduleId = as(crew.token("MANAGER")).mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", unique("hourly"), "timezone", "UTC", "layers", List.of(Map.of("name", "hourly",
                        "start", "2026-03-01T00:00", "rotation", Map.of("type", "HOURLY", "length", 1),
                        "participants", List.of(crew.id("RESPONDER"), crew.id("MANAGER"))))))
                .at("/schedule/id").asString();
    }

    @AfterEach
    void tearDown() {
        subscriptions.forEach(Disposable::dispose);
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
    }

    @Test
    void aSlowQueryIsStoppedAtTheTimeoutWithAnError() {
        StringBuilder query = new StringBuilder("query($id: ID!) { schedule(id: $id) {");
        for (int i = 0; i < 100; i++) {
            query.append(" t").append(i).append(": timeline(from: \"2026-03-02T00:00:00Z\", to: \"2027-04-06T00:00:00Z\")")
                    .append(" { segments { start end startLocal endLocal users { id handle name } } }");
        }
        JsonNode stopped = as(crew.token("OBSERVER")).run(query.append(" } }").toString(), Map.of("id", scheduleId));

        assertThat(stopped.path("data").isMissingNode() || stopped.path("data").isNull()).as(stopped.toString()).isTrue();
        assertThat(stopped.get("errors")).hasSize(1);
        assertThat(stopped.at("/errors/0/extensions/code").asString()).isEqualTo("OPERATION_TIMEOUT");
        assertThat(stopped.at("/errors/0/extensions/classification").asString()).isEqualTo("TIMEOUT");
        assertThat(stopped.at("/errors/0/message").asString()).contains("oncall.api.operation-timeout");

        assertThat(as(crew.token("OBSERVER")).data("query($id: ID!) { schedule(id: $id) { name } }",
                Map.of("id", scheduleId)).at("/schedule/name").asString()).startsWith("hourly");
    }

    @Test
    void subscriptionsPerConnectionAreCappedAndASlotFreesWhenOneEnds() throws InterruptedException {
        WebSocketGraphQlClient ws = client(crew.token("OBSERVER"));
        List<BlockingQueue<JsonNode>> live = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            live.add(subscribe(ws));
        }
        for (BlockingQueue<JsonNode> stream : live) {
            assertLive(next(stream));
        }

        JsonNode refused = next(subscribe(ws));
        assertTooMany(refused, "connection", 3);

        subscriptions.getFirst().dispose();
        assertEventuallyLive(ws);
    }

    @Test
    void subscriptionsPerCallerAreCappedAcrossConnections() throws InterruptedException {
        WebSocketGraphQlClient first = client(crew.token("RESPONDER"));
        WebSocketGraphQlClient second = client(crew.token("RESPONDER"));
        for (WebSocketGraphQlClient ws : List.of(first, first, second, second)) {
            assertLive(next(subscribe(ws)));
        }

        assertTooMany(next(subscribe(second)), "caller", 4);
        assertLive(next(subscribe(client(crew.token("MANAGER")))));
    }

    private WebSocketGraphQlClient client(String token) {
        WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                new StandardWebSocketClient()).interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                }).build();
        clients.add(ws);
        return ws;
    }

    private BlockingQueue<JsonNode> subscribe(WebSocketGraphQlClient ws) {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        subscriptions.add(ws.document(ON_CALL).variable("id", scheduleId).executeSubscription()
                .subscribe(r -> queue.add(JSON.valueToTree(r.toMap())),
                        e -> queue.add(JSON.valueToTree(Map.of("failed", String.valueOf(e))))));
        return queue;
    }

    /** A subscription that is refused now may be accepted once the server has seen another end: polled with a deadline. */
    private void assertEventuallyLive(WebSocketGraphQlClient ws) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode result = next(subscribe(ws));
            if (result.path("errors").isMissingNode()) {
                assertLive(result);
                return;
            }
            assertTooMany(result, "connection", 3);
            assertThat(System.nanoTime()).as("a slot freed within the deadline").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue) throws InterruptedException {
        JsonNode result = queue.poll(30, TimeUnit.SECONDS);
        assertThat(result).as("a result within the deadline").isNotNull();
        return result;
    }

    private static void assertLive(JsonNode result) {
        assertThat(result.path("errors").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.at("/data/onCallChanged/users").isArray()).as(result.toString()).isTrue();
    }

    private static void assertTooMany(JsonNode result, String scope, int limit) {
        assertThat(result.at("/errors/0/extensions/code").asString()).as(result.toString()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
        assertThat(result.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(result.at("/errors/0/extensions/scope").asString()).isEqualTo(scope);
        assertThat(result.at("/errors/0/extensions/limit").asInt()).isEqualTo(limit);
    }
}
