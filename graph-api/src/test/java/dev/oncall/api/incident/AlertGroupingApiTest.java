package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.Service;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.TriggerResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A service's alert grouping set and read over GraphQL, and an incident showing the alerts that joined it. */
class AlertGroupingApiTest extends IncidentTestBase {
    private static final String GROUPING = "service { id alertGrouping { mode fields windowMinutes resolveWithLastAlert } }";

    private Crew crew;
    private Gql manager;
    private Service service;

    @BeforeEach
    void setUp() {
        clock.set(START);
        crew = crew();
        manager = as(crew.token("MANAGER"));
        service = service(crew);
    }

    @Test
    void aManagerSetsTheGroupingAndMembersReadIt() {
        JsonNode observed = as(crew.token("OBSERVER")).data("query($id: ID!) { service(id: $id) { alertGrouping {"
                + " mode fields windowMinutes resolveWithLastAlert } } }", Map.of("id", service.id()));
        assertThat(observed.at("/service/alertGrouping/mode").asString()).isEqualTo("NONE");
        assertThat(observed.at("/service/alertGrouping/resolveWithLastAlert").asBoolean()).isTrue();

        JsonNode set = manager.mutate("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(),
                "mode", "CONTENT", "fields", List.of("labels.cluster", "labels.alertname"),
                "resolveWithLastAlert", false));
        assertThat(set.at("/service/alertGrouping/mode").asString()).isEqualTo("CONTENT");
        assertThat(set.at("/service/alertGrouping/fields")).extracting(JsonNode::asString)
                .containsExactly("labels.cluster", "labels.alertname");
        assertThat(set.at("/service/alertGrouping/resolveWithLastAlert").asBoolean()).isFalse();

        JsonNode window = manager.mutate("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(),
                "mode", "TIME_WINDOW", "windowMinutes", 10));
        assertThat(window.at("/service/alertGrouping/windowMinutes").asInt()).isEqualTo(10);
        assertThat(window.at("/service/alertGrouping/fields")).isEmpty();
    }

    @Test
    void badGroupingIsRefusedFieldByFieldAndChangesNothing() {
        JsonNode badField = manager.attempt("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(),
                "mode", "CONTENT", "fields", List.of("labels.cluster", "hostname"))).at("/data/setServiceAlertGrouping");
        assertThat(badField.at("/userErrors/0/field").asString()).isEqualTo("input.fields[1]");
        assertThat(badField.get("service").isNull()).isTrue();

        JsonNode noWindow = manager.attempt("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(),
                "mode", "TIME_WINDOW")).at("/data/setServiceAlertGrouping");
        assertThat(noWindow.at("/userErrors/0/field").asString()).isEqualTo("input.windowMinutes");
        JsonNode tooLong = manager.attempt("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(),
                "mode", "TIME_WINDOW", "windowMinutes", 24 * 60 + 1)).at("/data/setServiceAlertGrouping");
        assertThat(tooLong.at("/userErrors/0/field").asString()).isEqualTo("input.windowMinutes");

        JsonNode now = manager.data("query($id: ID!) { service(id: $id) { alertGrouping { mode } } }",
                Map.of("id", service.id()));
        assertThat(now.at("/service/alertGrouping/mode").asString()).isEqualTo("NONE");
    }

    @Test
    void anIncidentShowsItsAlertsNewestFirstPagedAndTheirCount() {
        manager.mutate("setServiceAlertGrouping", GROUPING, Map.of("serviceId", service.id(), "mode", "CONTENT",
                "fields", List.of("source")));
        List<TriggerResult> results = List.of("g1", "g2", "g3").stream().map(key -> {
            clock.advance(Duration.ofSeconds(1));
            return commands.trigger(service.id(), AlertEvent.trigger(key, "disk full", "db-1", "critical", "{}"),
                    Actor.integration("test"), Channel.EVENTS_V2);
        }).toList();
        UUID incident = results.getFirst().incidentId().orElseThrow();
        assertThat(results).allSatisfy(r -> assertThat(r.incidentId()).contains(incident));

        String query = """
                query($id: ID!, $after: String) { incident(id: $id) { alertCount
                  alerts(first: 2, after: $after) { edges { node { dedupKey } } pageInfo { hasNextPage endCursor } }
                  events { edges { node { kind data } } } } }""";
        Gql observer = as(crew.token("OBSERVER"));
        JsonNode first = observer.data(query, Map.of("id", incident)).get("incident");
        assertThat(first.get("alertCount").asInt()).isEqualTo(3);
        assertThat(first.at("/alerts/edges").findValues("dedupKey")).extracting(JsonNode::asString)
                .containsExactly("g3", "g2");
        assertThat(first.at("/alerts/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(first.at("/events/edges").findValues("kind")).extracting(JsonNode::asString)
                .containsExactly("TRIGGERED", "ALERT_JOINED", "ALERT_JOINED");
        assertThat(first.at("/events/edges/2/node/data/count").asInt()).isEqualTo(3);
        assertThat(first.at("/events/edges/2/node/data/group/source").asString()).isEqualTo("db-1");

        JsonNode rest = observer.data(query, Map.of("id", incident,
                "after", first.at("/alerts/pageInfo/endCursor").asString())).get("incident");
        assertThat(rest.at("/alerts/edges").findValues("dedupKey")).extracting(JsonNode::asString)
                .containsExactly("g1");
        assertThat(rest.at("/alerts/pageInfo/hasNextPage").asBoolean()).isFalse();
    }
}
