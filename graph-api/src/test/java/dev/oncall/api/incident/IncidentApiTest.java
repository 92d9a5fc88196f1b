package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.service.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Incidents read and handled through the API, by the people of the incident's team. */
class IncidentApiTest extends IncidentTestBase {
    private static final String INCIDENT = "incident { id status currentStep nextStep loop acknowledgedBy { id } }";

    private Crew crew;
    private Gql responder;
    private Service service;

    @BeforeEach
    void setUp() {
        clock.set(START);
        crew = crew();
        responder = as(crew.token("RESPONDER"));
        service = service(crew);
    }

    @Test
    void aSecondAcknowledgementOrResolutionIsAnsweredButWritesNothing() {
        UUID incident = trigger(service, "ack-twice");
        fireDue(incident);

        JsonNode ack = responder.mutate("acknowledge", INCIDENT + " changed", Map.of("incidentId", incident));
        assertThat(ack.get("changed").asBoolean()).isTrue();
        assertThat(ack.at("/incident/status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.at("/incident/acknowledgedBy/id").asString()).isEqualTo(crew.id("RESPONDER"));
        int events = eventCount(incident);

        JsonNode again = responder.mutate("acknowledge", INCIDENT + " changed", Map.of("incidentId", incident));
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(again.at("/incident/status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(eventCount(incident)).isEqualTo(events);

        assertThat(responder.mutate("resolve", "changed", Map.of("incidentId", incident)).get("changed").asBoolean())
                .isTrue();
        assertThat(responder.mutate("resolve", "changed", Map.of("incidentId", incident)).get("changed").asBoolean())
                .isFalse();
        int resolved = eventCount(incident);

        JsonNode late = responder.attempt("acknowledge", "changed incident { id }", Map.of("incidentId", incident))
                .at("/data/acknowledge");
        assertThat(late.at("/userErrors/0/field").asString()).isEqualTo("input.incidentId");
        assertThat(late.at("/userErrors/0/message").asString()).isEqualTo("cannot acknowledge an incident that is resolved");
        assertThat(late.get("incident").isNull()).isTrue();
        JsonNode escalate = responder.attempt("escalate", "changed", Map.of("incidentId", incident)).at("/data/escalate");
        assertThat(escalate.at("/userErrors/0/field").asString()).isEqualTo("input.incidentId");
        assertThat(escalate.at("/userErrors/0/message").asString()).isEqualTo("cannot escalate a resolved incident");
        assertThat(eventCount(incident)).isEqualTo(resolved);
    }

    @Test
    void anIncidentShowsItsServiceAlertsStepAssigneesAndLogInOrder() {
        UUID incident = trigger(service, "detail");
        trigger(service, "detail");
        fireDue(incident);
        String query = """
                query($id: ID!, $after: String) { incident(id: $id) {
                  title status urgency currentStep nextStep loop exhausted homeRegion createdAt updatedAt
                  team { id } service { id name }
                  alertCount alerts { edges { node { dedupKey status summary severity payload eventCount firstSeenAt } } }
                  assignees { id }
                  events(first: 2, after: $after) {
                    edges { cursor node { seq kind channel createdAt data actor { type id user { id } } incidentId } }
                    pageInfo { hasNextPage endCursor } } } }""";
        JsonNode first = as(crew.token("OBSERVER")).data(query, Map.of("id", incident)).get("incident");

        assertThat(first.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(first.get("urgency").asString()).isEqualTo("HIGH");
        assertThat(first.get("currentStep").asInt()).isZero();
        assertThat(first.get("nextStep").asInt()).isEqualTo(1);
        assertThat(first.get("loop").asInt()).isZero();
        assertThat(first.get("homeRegion").asString()).isEqualTo(region);
        assertThat(first.at("/service/id").asString()).isEqualTo(service.id().toString());
        assertThat(first.at("/team/id").asString()).isEqualTo(crew.teamId());
        assertThat(first.get("alertCount").asInt()).isEqualTo(1);
        assertThat(first.at("/alerts/edges/0/node/eventCount").asInt()).isEqualTo(2);
        assertThat(first.at("/alerts/edges/0/node/severity").asString()).isEqualTo("CRITICAL");
        assertThat(first.at("/alerts/edges/0/node/payload/host").asString()).isEqualTo("db-1");
        assertThat(first.at("/assignees/0/id").asString()).isEqualTo(crew.id("RESPONDER"));
        JsonNode events = first.get("events");
        assertThat(events.findValues("kind")).extracting(JsonNode::asString).containsExactly("TRIGGERED", "DEDUPLICATED");
        assertThat(events.at("/edges/0/node/actor/type").asString()).isEqualTo("INTEGRATION");
        assertThat(events.at("/edges/0/node/channel").asString()).isEqualTo("EVENTS_V2");
        assertThat(events.at("/edges/0/node/data/dedupKey").asString()).isEqualTo("detail");
        assertThat(events.at("/pageInfo/hasNextPage").asBoolean()).isTrue();

        JsonNode rest = as(crew.token("OBSERVER")).data(query, Map.of("id", incident,
                "after", events.at("/pageInfo/endCursor").asString())).at("/incident/events");
        assertThat(rest.findValues("seq")).extracting(JsonNode::asInt).containsExactly(3, 4);
        assertThat(rest.findValues("kind")).extracting(JsonNode::asString).containsExactly("STEP_FIRED", "INTENT_CREATED");
        assertThat(rest.at("/edges/0/node/actor/type").asString()).isEqualTo("SYSTEM");
        assertThat(rest.at("/edges/0/node/data/step").asInt()).isZero();

        // Another team's incident answers as one that does not exist.
        JsonNode stranger = as(crew().token("ADMIN")).run(query, Map.of("id", incident));
        assertThat(stranger.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
        assertThat(stranger.at("/data/incident").isNull()).isTrue();
    }

    @Test
    void incidentsAreListedNewestFirstByTeamServiceStatusUrgencyAndTime() {
        UUID first = trigger(service, "l1");
        clock.advance(Duration.ofMinutes(1));
        UUID second = trigger(service, "l2");
        clock.advance(Duration.ofMinutes(1));
        UUID low = UUID.fromString(responder.mutate("triggerIncident", "outcome incident { id urgency } dedupKey",
                Map.of("serviceId", service.id(), "summary", "minor", "urgency", "LOW")).at("/incident/id").asString());
        responder.mutate("acknowledge", "changed", Map.of("incidentId", second));
        Gql observer = as(crew.token("OBSERVER"));
        String list = """
                query($team: ID, $filter: IncidentFilter, $first: Int, $after: String) {
                  incidents(teamId: $team, filter: $filter, first: $first, after: $after) {
                    edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }""";

        JsonNode page = observer.data(list, Map.of("team", crew.teamId(), "first", 2)).get("incidents");
        assertThat(ids(page)).containsExactly(low.toString(), second.toString());
        assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        JsonNode next = observer.data(list, Map.of("team", crew.teamId(), "first", 2,
                "after", page.at("/pageInfo/endCursor").asString())).get("incidents");
        assertThat(ids(next)).containsExactly(first.toString());

        assertThat(ids(observer.data(list, Map.of("team", crew.teamId(), "filter", Map.of("status", List.of("ACKNOWLEDGED"))))
                .get("incidents"))).containsExactly(second.toString());
        assertThat(ids(observer.data(list, Map.of("team", crew.teamId(), "filter", Map.of("urgency", "LOW")))
                .get("incidents"))).containsExactly(low.toString());
        assertThat(ids(observer.data(list, Map.of("team", crew.teamId(), "filter", Map.of(
                "createdAfter", START.plusSeconds(30).toString(), "createdBefore", START.plusSeconds(90).toString())))
                .get("incidents"))).containsExactly(second.toString());
        assertThat(ids(observer.data(list, Map.of("filter", Map.of("serviceId", service.id()))).get("incidents")))
                .containsExactly(low.toString(), second.toString(), first.toString());
        assertThat(ids(observer.data("query($id: ID!) { service(id: $id) { incidents(filter: {status: [TRIGGERED]}) {"
                + " edges { cursor node { id } } } } }", Map.of("id", service.id())).at("/service/incidents")))
                .containsExactly(low.toString(), first.toString());

        JsonNode stranger = as(crew().token("ADMIN")).run(list, Map.of("team", crew.teamId()));
        assertThat(stranger.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        JsonNode badRange = observer.run(list, Map.of("team", crew.teamId(), "filter", Map.of(
                "createdAfter", START.toString(), "createdBefore", START.toString())));
        assertThat(badRange.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(badRange.at("/errors/0/message").asString()).contains("createdBefore");
        JsonNode badCursor = observer.run(list, Map.of("team", crew.teamId(), "after", "bm9wZQ"));
        assertThat(badCursor.at("/errors/0/message").asString()).contains("after is not a cursor");
    }

    @Test
    void escalateReassignAndNotesAreRecordedWithTheCallerAsActor() {
        UUID incident = trigger(service, "hands");
        fireDue(incident);

        JsonNode escalated = responder.mutate("escalate", INCIDENT + " changed", Map.of("incidentId", incident));
        assertThat(escalated.at("/incident/currentStep").asInt()).isEqualTo(1);
        assertThat(escalated.get("changed").asBoolean()).isTrue();

        JsonNode reassigned = responder.mutate("reassign", "incident { assignees { id } }", Map.of("incidentId", incident,
                "userIds", List.of(crew.id("ADMIN"))));
        assertThat(reassigned.at("/incident/assignees/0/id").asString()).isEqualTo(crew.id("ADMIN"));
        responder.mutate("addNote", "changed", Map.of("incidentId", incident, "note", "looking at db-1"));

        JsonNode log = responder.data("""
                query($id: ID!) { incident(id: $id) { events(first: 100) { edges { node {
                  kind channel data actor { type user { id } } } } } } }""", Map.of("id", incident))
                .at("/incident/events/edges");
        JsonNode note = log.get(log.size() - 1).get("node");
        assertThat(note.get("kind").asString()).isEqualTo("NOTE");
        assertThat(note.get("channel").asString()).isEqualTo("GRAPHQL");
        assertThat(note.at("/actor/user/id").asString()).isEqualTo(crew.id("RESPONDER"));
        assertThat(note.at("/data/note").asString()).isEqualTo("looking at db-1");
        assertThat(log.findValues("kind")).extracting(JsonNode::asString).contains("ESCALATED", "REASSIGNED");
    }

    @Test
    void refusedCommandsNameTheirFieldAndWriteNothing() {
        UUID incident = trigger(service, "refused");
        int events = eventCount(incident);
        String stranger = crew().id("RESPONDER");

        JsonNode unknown = responder.attempt("acknowledge", "changed", Map.of("incidentId", UUID.randomUUID()))
                .at("/data/acknowledge");
        assertThat(unknown.at("/userErrors/0/field").asString()).isEqualTo("input.incidentId");
        assertThat(unknown.at("/userErrors/0/message").asString()).isEqualTo("no such incident");

        JsonNode people = responder.attempt("reassign", "changed", Map.of("incidentId", incident,
                "userIds", List.of(crew.id("MANAGER"), stranger, UUID.randomUUID()))).at("/data/reassign");
        assertThat(people.get("userErrors").findValuesAsString("field"))
                .containsExactly("input.userIds[1]", "input.userIds[2]");
        JsonNode twice = responder.attempt("reassign", "changed", Map.of("incidentId", incident,
                "userIds", List.of(crew.id("MANAGER"), crew.id("MANAGER")))).at("/data/reassign");
        assertThat(twice.at("/userErrors/0/field").asString()).isEqualTo("input.userIds");

        JsonNode longNote = responder.attempt("addNote", "changed", Map.of("incidentId", incident,
                "note", "x".repeat(4001))).at("/data/addNote");
        assertThat(longNote.at("/userErrors/0/field").asString()).isEqualTo("input.note");
        assertThat(longNote.at("/userErrors/0/message").asString()).contains("at most 4000");

        JsonNode page = responder.attempt("triggerIncident", "outcome", Map.of("serviceId", service.id(),
                "summary", "s".repeat(1025), "dedupKey", "")).at("/data/triggerIncident");
        assertThat(page.get("userErrors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.summary", "input.dedupKey");
        JsonNode noService = responder.attempt("triggerIncident", "outcome", Map.of("serviceId", UUID.randomUUID(),
                "summary", "x")).at("/data/triggerIncident");
        assertThat(noService.at("/userErrors/0/field").asString()).isEqualTo("input.serviceId");

        JsonNode malformed = responder.attempt("resolve", "changed", Map.of("incidentId", "not-a-uuid"));
        assertThat(malformed.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        JsonNode wrongType = responder.run("mutation($id: ID!) { addNote(input: {incidentId: $id, note: 12}) { changed } }",
                Map.of("id", incident));
        assertThat(wrongType.at("/errors/0/extensions/classification").asString()).isEqualTo("ValidationError");

        assertThat(eventCount(incident)).isEqualTo(events);
        assertThat(db().sql("SELECT count(*) FROM alerts WHERE service_id = ?").param(service.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    private static List<String> ids(JsonNode connection) {
        return connection.get("edges").findValues("node").stream().map(n -> n.get("id").asString()).toList();
    }
}
