package dev.oncall.api.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Routing rules over HTTP GraphQL: who may read and change them, their field errors (for generated
 * bad input too), and testRouting, which writes nothing.
 */
class RoutingApiTest extends ApiTest {
    private static final String RULES = "routingRules { version rules { name conditions { field operator value values negate } "
            + "actions { routeTo urgency priority suppress drop } } catchAll { urgency drop } }";
    @Autowired
    JdbcClient jdbc;
    Crew crew;
    Gql manager;
    String api;
    String db;

    @BeforeEach
    void services() {
        crew = crew();
        manager = as(crew.token("MANAGER"));
        api = service(manager, crew, "api");
        db = service(manager, crew, "db");
    }

    private static String service(Gql manager, Crew crew, String name) {
        String policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId(), "name", unique(name), "steps", List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", List.of(Map.of("type", "TEAM", "id", crew.teamId()))))))
                .at("/escalationPolicy/id").asString();
        return manager.mutate("createService", "service { id }", Map.of("teamId", crew.teamId(), "name", unique(name),
                "escalationPolicyId", policy)).at("/service/id").asString();
    }

    private Map<String, Object> rules(String service, int version) {
        return Map.of("serviceId", service, "version", version, "rules", List.of(
                Map.of("name", "databases", "conditions", List.of(
                        Map.of("field", "labels.team", "operator", "IN", "values", List.of("db", "dba")),
                        Map.of("field", "labels.env", "operator", "EQUALS", "value", "dev", "negate", true)),
                        "actions", Map.of("routeTo", db, "priority", "P2")),
                Map.of("name", "watchdog", "conditions", List.of(
                        Map.of("field", "labels.alertname", "operator", "EQUALS", "value", "Watchdog")),
                        "actions", Map.of("drop", true))),
                "catchAll", Map.of("urgency", "LOW"));
    }

    private JsonNode test(Gql who, String service, String event) {
        return who.data("query($s: ID!, $e: String!) { testRouting(serviceId: $s, event: $e) { result { rule ruleIndex "
                + "outcome service { id } urgency priority } userErrors { field message } } }",
                Map.of("s", service, "e", event)).get("testRouting");
    }

    private int rows(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    @Test
    void aManagerSetsRulesAndMembersReadAndTestThem() {
        JsonNode set = manager.mutate("setRoutingRules", RULES, rules(api, 0));
        JsonNode read = as(crew.token("OBSERVER")).data("query($id: ID!) { service(id: $id) { " + RULES + " } }",
                Map.of("id", api)).at("/service/routingRules");
        int alerts = rows("SELECT count(*) FROM alerts");
        int incidents = rows("SELECT count(*) FROM incidents");

        JsonNode routed = test(as(crew.token("RESPONDER")), api, """
                {"status": "firing", "labels": {"team": "db", "alertname": "DiskFull", "severity": "warning"}}""");
        JsonNode dropped = test(manager, api, """
                {"alerts": [{"status": "firing", "labels": {"alertname": "Watchdog"}}]}""");
        JsonNode caught = test(manager, api, """
                {"payload": {"summary": "cpu", "source": "h", "severity": "critical"}}""");

        assertThat(set.at("/routingRules/version").asInt()).isEqualTo(1);
        assertThat(read).isEqualTo(set.get("routingRules"));
        assertThat(read.at("/rules/0/conditions/0/values").toString()).isEqualTo("[\"db\",\"dba\"]");
        assertThat(read.at("/rules/0/conditions/1/negate").asBoolean()).isTrue();
        assertThat(routed.at("/result/rule").asString()).isEqualTo("databases");
        assertThat(routed.at("/result/outcome").asString()).isEqualTo("PAGE");
        assertThat(routed.at("/result/service/id").asString()).isEqualTo(db);
        assertThat(routed.at("/result/priority").asString()).isEqualTo("P2");
        assertThat(dropped.at("/result/outcome").asString()).isEqualTo("DROP");
        assertThat(dropped.at("/result/ruleIndex").asInt()).isEqualTo(1);
        assertThat(caught.at("/result/rule").isNull()).isTrue();
        assertThat(caught.at("/result/urgency").asString()).isEqualTo("LOW");
        assertThat(rows("SELECT count(*) FROM alerts")).as("testRouting writes nothing").isEqualTo(alerts);
        assertThat(rows("SELECT count(*) FROM incidents")).isEqualTo(incidents);
    }

    @Test
    void aStaleVersionIsAUserError() {
        manager.mutate("setRoutingRules", RULES, rules(api, 0));

        JsonNode stale = manager.attempt("setRoutingRules", RULES, rules(api, 0)).at("/data/setRoutingRules");

        assertThat(stale.at("/userErrors/0/field").asString()).isEqualTo("input.version");
        assertThat(stale.get("routingRules").isNull()).isTrue();
    }

    @Test
    void onlyManagersChangeRules() {
        JsonNode refused = as(crew.token("RESPONDER")).run("mutation($input: SetRoutingRulesInput!) { "
                + "setRoutingRules(input: $input) { userErrors { field message } } }", Map.of("input", rules(api, 0)));

        assertThat(refused.toString()).contains("manager");
        assertThat(manager.data("query($id: ID!) { service(id: $id) { routingRules { version } } }",
                Map.of("id", api)).at("/service/routingRules/version").asInt()).isZero();
    }

    @Test
    void anotherTeamsServiceIsRefusedLikeAMissingOne() {
        Crew other = crew();
        Gql outsider = as(other.token("MANAGER"));
        String theirs = service(outsider, other, "theirs");

        JsonNode foreign = outsider.attempt("setRoutingRules", RULES, rules(api, 0)).at("/data/setRoutingRules");
        JsonNode missing = outsider.attempt("setRoutingRules", RULES, rules("8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90", 0))
                .at("/data/setRoutingRules");
        Map<String, Object> toTheirs = new HashMap<>(rules(api, 0));
        toTheirs.put("catchAll", Map.of("routeTo", theirs));
        JsonNode target = manager.attempt("setRoutingRules", RULES, toTheirs).at("/data/setRoutingRules");
        JsonNode testForeign = test(outsider, api, "{\"payload\": {\"summary\": \"x\", \"source\": \"h\", "
                + "\"severity\": \"info\"}}");

        assertThat(foreign.get("userErrors")).isEqualTo(missing.get("userErrors"));
        assertThat(foreign.at("/userErrors/0/field").asString()).isEqualTo("input.serviceId");
        assertThat(target.at("/userErrors/0/field").asString()).isEqualTo("input.catchAll.routeTo");
        assertThat(testForeign.at("/userErrors/0/field").asString()).isEqualTo("serviceId");
    }

    @Test
    void generatedBadRulesAreUserErrorsNeverServerErrors() {
        Random random = new Random(16);
        List<String> fields = List.of("summary", "labels", "labels.", "nope", "custom_details.x", "severity", "",
                "annotations.a\u0001", "x".repeat(300));
        List<String> values = List.of("(", "a{1000}", "((a{100}){100}){100}", "", "\u0000", "\ud800", "ok",
                "z".repeat(2000), "[[:alpha:]]+");
        int userErrors = 0;
        for (int i = 0; i < 40; i++) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(3); r++) {
                Map<String, Object> condition = new HashMap<>();
                condition.put("field", fields.get(random.nextInt(fields.size())));
                condition.put("operator", List.of("EQUALS", "CONTAINS", "MATCHES", "EXISTS", "IN").get(random.nextInt(5)));
                if (random.nextBoolean()) {
                    condition.put("value", values.get(random.nextInt(values.size())));
                }
                if (random.nextBoolean()) {
                    condition.put("values", List.of(values.get(random.nextInt(values.size()))));
                }
                Map<String, Object> actions = new HashMap<>();
                if (random.nextBoolean()) {
                    actions.put("drop", true);
                }
                if (random.nextBoolean()) {
                    actions.put("urgency", "LOW");
                }
                list.add(Map.of("name", random.nextInt(3) == 0 ? " " : "r" + random.nextInt(2),
                        "conditions", List.of(condition), "actions", actions));
            }
            JsonNode body = manager.attempt("setRoutingRules", "routingRules { version }",
                    Map.of("serviceId", api, "version", 0, "rules", list));
            // Control characters are refused for every text argument before any resolver runs (TextArgumentsTest).
            body.path("errors").forEach(e -> assertThat(e.at("/extensions/classification").asString())
                    .as(body.toString()).isEqualTo("BAD_REQUEST"));
            if (!body.path("errors").isMissingNode()) {
                userErrors++;
                continue;
            }
            JsonNode errors = body.at("/data/setRoutingRules/userErrors");
            errors.forEach(e -> assertThat(e.get("field").asString()).startsWith("input."));
            if (!errors.isEmpty()) {
                userErrors++;
            } else {
                manager.mutate("setRoutingRules", "routingRules { version }", Map.of("serviceId", api, "version", 1,
                        "rules", List.of()));
                jdbc.sql("UPDATE service_routing SET version = 0 WHERE service_id = CAST(:id AS UUID)")
                        .param("id", api).update();
            }
        }
        assertThat(userErrors).isPositive();
    }

    @Test
    void rulesGoOutAndComeBackAsCode() {
        manager.mutate("setRoutingRules", RULES, rules(api, 0));
        String yaml = manager.data("query($id: ID!) { exportRoutingRules(serviceId: $id) }", Map.of("id", api))
                .get("exportRoutingRules").asString();

        JsonNode imported = manager.mutate("importRoutingRules", RULES, Map.of("serviceId", api, "version", 1,
                "spec", yaml));
        JsonNode bad = manager.attempt("importRoutingRules", RULES, Map.of("serviceId", api, "version", 2,
                "spec", "rules: [{name: a, actions: {urgency: loud}}]")).at("/data/importRoutingRules");

        assertThat(yaml).contains("labels.team", "routeTo: " + db);
        assertThat(imported.at("/routingRules/version").asInt()).isEqualTo(2);
        assertThat(imported.at("/routingRules/rules/0/name").asString()).isEqualTo("databases");
        assertThat(bad.at("/userErrors/0/field").asString()).isEqualTo("input.spec.rules[0].actions.urgency");
    }

    @Test
    void theSeverityMapIsReadAndSetWholeAndShowsInIncidents() {
        manager.mutate("setSeverityUrgency", "service { id }", Map.of("serviceId", api, "map", List.of(
                Map.of("severity", "WARNING", "urgency", "LOW"), Map.of("severity", "CRITICAL", "urgency", "HIGH"))));

        JsonNode map = manager.data("query($id: ID!) { service(id: $id) { severityUrgency { severity urgency } } }",
                Map.of("id", api)).at("/service/severityUrgency");
        JsonNode warning = test(manager, api, "{\"payload\": {\"summary\": \"x\", \"source\": \"h\", "
                + "\"severity\": \"warning\"}}");
        JsonNode twice = manager.attempt("setSeverityUrgency", "service { id }", Map.of("serviceId", api, "map", List.of(
                Map.of("severity", "INFO", "urgency", "LOW"), Map.of("severity", "INFO", "urgency", "HIGH"))))
                .at("/data/setSeverityUrgency/userErrors/0/field");

        assertThat(map.toString()).isEqualTo("[{\"severity\":\"CRITICAL\",\"urgency\":\"HIGH\"},"
                + "{\"severity\":\"WARNING\",\"urgency\":\"LOW\"}]");
        assertThat(warning.at("/result/urgency").asString()).isEqualTo("LOW");
        assertThat(twice.asString()).isEqualTo("input.map[1].severity");
    }

    @Test
    void anAlertRoutedByARuleOpensItsIncidentWithThePriorityAndUrgencyShownInGraphql() throws Exception {
        Map<String, Object> input = new HashMap<>(rules(api, 0));
        input.put("catchAll", Map.of("urgency", "LOW", "priority", "P3"));
        manager.mutate("setRoutingRules", RULES, input);
        String secret = manager.mutate("createIntegrationKey", "integrationKey { secret }", Map.of("serviceId", api,
                "type", "EVENTS_V2", "name", "events")).at("/integrationKey/secret").asString();

        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v2/enqueue")))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "routing_key", secret, "event_action", "trigger", "dedup_key", "cpu/h1",
                        "payload", Map.of("summary", "cpu", "source", "h1", "severity", "critical")))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode incidents = manager.data("query($id: ID!) { incidents(teamId: $id) { edges { node { "
                + "service { id } urgency priority } } } }", Map.of("id", crew.teamId())).at("/incidents/edges");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("cpu/h1");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.at("/0/node/service/id").asString()).isEqualTo(api);
        assertThat(incidents.at("/0/node/urgency").asString()).isEqualTo("LOW");
        assertThat(incidents.at("/0/node/priority").asString()).isEqualTo("P3");
    }

    @Test
    void aBadExampleEventIsAUserError() {
        JsonNode malformed = test(manager, api, "{not json");
        JsonNode noSummary = test(manager, api, "{\"payload\": {\"source\": \"h\", \"severity\": \"info\"}}");

        assertThat(malformed.at("/userErrors/0/field").asString()).isEqualTo("event");
        assertThat(noSummary.at("/userErrors/0/field").asString()).isEqualTo("event.payload.summary");
    }
}
