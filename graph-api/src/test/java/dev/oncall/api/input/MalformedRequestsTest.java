package dev.oncall.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Requests that are wrong as a whole, or name things by ids that cannot be ids: each gets a
 * client error that says what is wrong, over HTTP and over a live connection alike.
 */
class MalformedRequestsTest extends ApiTest {
    private Crew crew;
    private WebSocketGraphQlClient ws;

    @BeforeEach
    void setUp() {
        crew = crew();
        ws = WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql-ws"), new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + crew.token("OBSERVER")));
                    }
                }).build();
    }

    @AfterEach
    void tearDown() {
        ws.stop().block(Duration.ofSeconds(5));
    }

    @Test
    void aBodyThatIsNotAGraphQlRequestIs400WithTheReason() {
        String query = JSON.writeValueAsString("{ serverInfo { region } }");
        for (String body : List.of("null", "[]", "1", "\"x\"", "true", "", "{\"query\":", "{\"query\": \"{ serverInfo ",
                "{}", "{\"query\": null}", "{\"query\": 1}", "{\"query\": [" + query + "]}",
                "{\"query\": " + query + ", \"variables\": 1}", "{\"query\": " + query + ", \"variables\": [1]}",
                "{\"query\": " + query + ", \"variables\": \"x\"}", "{\"query\": " + query + ", \"operationName\": 5}",
                "{\"query\": " + query + ", \"extensions\": 5}")) {
            HttpResponse<String> response = postRaw(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.at("/errors/0/message").asString()).as(body).isNotBlank();
            assertThat(answer.at("/errors/0/extensions/classification").asString()).as(body).isEqualTo("BAD_REQUEST");
        }
        // A well-formed request still goes through; a null variables object is as good as none.
        assertThat(postRaw("{\"query\": " + query + ", \"variables\": null}").statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedIdInASubscriptionIsABadRequestNamingTheArgumentAsInAQuery() {
        for (String id : List.of("x", "", " ", "1-1-1-1-1", " " + crew.teamId(), crew.teamId() + "0")) {
            ResponseError onCall = subscriptionError("subscription($id: ID!) { onCallChanged(scheduleId: $id) { at } }", id);
            assertThat(onCall.getErrorType().toString()).as(id).isEqualTo("BAD_REQUEST");
            assertThat(onCall.getMessage()).as(id).contains("scheduleId");

            ResponseError updates = subscriptionError("subscription($id: ID!) { incidentUpdates(teamId: $id) { cursor } }", id);
            assertThat(updates.getErrorType().toString()).as(id).isEqualTo("BAD_REQUEST");
            assertThat(updates.getMessage()).as(id).contains("teamId");

            JsonNode query = as(crew.token("OBSERVER")).run("query($id: ID!) { schedule(id: $id) { id } }", Map.of("id", id));
            assertThat(query.at("/errors/0/extensions/classification").asString()).as(id).isEqualTo("BAD_REQUEST");
            assertThat(query.at("/errors/0/message").asString()).as(id).contains("id");
        }
    }

    @Test
    void anEmptyOrMalformedIdIsRefusedWhereverAnIdIsRead() {
        Gql observer = as(crew.token("OBSERVER"));
        for (String id : List.of("", " ", "x", "1-1-1-1-1", "{" + crew.teamId() + "}", crew.teamId().toUpperCase() + " ")) {
            JsonNode incidents = observer.run("query($t: ID) { incidents(teamId: $t) { edges { node { id } } } }",
                    Map.of("t", id));
            assertThat(incidents.at("/errors/0/extensions/classification").asString()).as(id).isEqualTo("BAD_REQUEST");
            assertThat(incidents.at("/errors/0/message").asString()).as(id).contains("teamId");

            JsonNode nested = as(crew.token("ADMIN")).attempt("addMember", "member { role }",
                    Map.of("teamId", crew.teamId(), "userId", id, "role", "OBSERVER"));
            assertThat(nested.at("/errors/0/extensions/classification").asString()).as(id).isEqualTo("BAD_REQUEST");
            assertThat(nested.at("/errors/0/message").asString()).as(id).contains("userId");
        }
        // Ids in any letter case are the same id.
        assertThat(observer.data("query($t: ID!) { team(id: $t) { id } }", Map.of("t", crew.teamId().toUpperCase()))
                .at("/team/id").asString()).isEqualTo(crew.teamId());
    }

    /** The first error of a subscription the server refuses, whether it refuses it before it starts or as it starts. */
    private ResponseError subscriptionError(String document, String id) {
        try {
            ClientGraphQlResponse response = ws.document(document).variable("id", id).executeSubscription()
                    .blockFirst(Duration.ofSeconds(30));
            assertThat(response).as("an answer to the subscription with id \"" + id + "\"").isNotNull();
            assertThat(response.getErrors()).as("the subscription with id \"" + id + "\" is refused").isNotEmpty();
            return response.getErrors().getFirst();
        } catch (SubscriptionErrorException e) {
            return e.getErrors().getFirst();
        }
    }

    private HttpResponse<String> postRaw(String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url("/graphql")))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + crew.token("OBSERVER"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
