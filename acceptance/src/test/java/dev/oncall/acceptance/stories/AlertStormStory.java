package dev.oncall.acceptance.stories;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.stories.AlertmanagerStorm.Kind;
import dev.oncall.acceptance.stories.AlertmanagerStorm.Sent;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.FakeTwilio;
import dev.oncall.acceptance.system.Gql;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A network partition: Alertmanager delivers 5,000 firing alerts at once, in five webhook
 * bodies of 1,000, to a service that groups its alerts by cluster and alert name and routes
 * them by their labels. The person on call gets one page per problem, not one per alert:
 * exactly one incident per group holding every alert of it, the team's database alerts on its
 * database service, warnings at low urgency, staging alerts recorded without a page and
 * informational ones dropped (and counted).
 */
@ExtendWith(InstallationExtension.class)
class AlertStormStory {
    private static final int BODIES = 5;
    private static final String INFO_RULE = "info is noise";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A group that opens an incident: on which service, at which urgency. */
    private record Group(Kind kind, String serviceId, String urgency) {}

    @Test
    void aStormOfFiveThousandAlertsPagesOncePerGroup(Installation system) {
        long began = System.nanoTime();
        Crew crew = Crew.of(system, "Platform", List.of("quinn", "rae"), "sol", List.of());
        Person onCall = crew.onCallNow().getFirst();
        Gql admin = crew.admin;
        String databases = admin.mutate("createService", "service { id }", Map.of(
                "teamId", crew.teamId, "name", "Replicas", "escalationPolicyId", crew.policyId)).at("/service/id").asString();
        for (String service : List.of(crew.serviceId, databases)) {
            admin.mutate("setServiceAlertGrouping", "service { id }", Map.of("serviceId", service,
                    "mode", "CONTENT", "fields", List.of("labels.cluster", "labels.alertname")));
        }
        admin.mutate("setRoutingRules", "routingRules { version }", Map.of("serviceId", crew.serviceId, "version", 0,
                "rules", List.of(
                        rule(INFO_RULE, "labels.severity", "info", Map.of("drop", true)),
                        rule("staging is quiet", "labels.env", "staging", Map.of("suppress", true)),
                        rule("databases", "labels.team", "db", Map.of("routeTo", databases)))));
        admin.mutate("setSeverityUrgency", "service { id }", Map.of("serviceId", crew.serviceId,
                "map", List.of(Map.of("severity", "WARNING", "urgency", "LOW"))));
        pageAtLowUrgencyToo(admin, crew, onCall);

        // Each body: 100 of each of 8 groups, 50 warnings, 50 for the databases, 50 from staging, 50 infos.
        List<Group> groups = new ArrayList<>();
        for (String cluster : List.of("eu-1", "eu-2", "us-1", "us-2")) {
            for (String alertname : List.of("HostDown", "DiskFull")) {
                groups.add(new Group(kind(cluster + " " + alertname, 100, "alertname", alertname, "cluster", cluster,
                        "severity", "critical"), crew.serviceId, "HIGH"));
            }
        }
        groups.add(new Group(kind("eu-1 SlowQueries", 50, "alertname", "SlowQueries", "cluster", "eu-1",
                "severity", "warning"), crew.serviceId, "LOW"));
        groups.add(new Group(kind("eu-1 ReplicationLag", 50, "alertname", "ReplicationLag", "cluster", "eu-1",
                "severity", "critical", "team", "db"), databases, "HIGH"));
        // Labelled as eu-1's HostDown group is: grouped with it, were it not suppressed first.
        Kind staging = kind("staging eu-1 HostDown", 50, "alertname", "HostDown", "cluster", "eu-1",
                "severity", "critical", "env", "staging");
        Kind info = kind("eu-1 Watchdog", 50, "alertname", "Watchdog", "cluster", "eu-1", "severity", "info");
        List<Kind> kinds = new ArrayList<>(groups.stream().map(Group::kind).toList());
        kinds.addAll(List.of(staging, info));
        AlertmanagerStorm storm = new AlertmanagerStorm(BODIES, kinds);
        assertThat(storm.alerts()).hasSize(5_000);
        assertThat(storm.largestBody()).as("a body within the receiver's 512 KB").isLessThan(512 * 1024);

        long start = System.nanoTime();
        AlertmanagerStorm.Delivery delivery = storm.send(system.url("/integrations/alertmanager/" + crew.alertmanagerKey));

        // Every body answered 202 is committed: the incidents are there to be read now.
        Map<String, List<Sent>> sentByKind = storm.alerts().stream().collect(groupingBy(s -> s.kind().summary()));
        Map<String, JsonNode> incidents = incidentsByTitle(admin, crew.teamId);
        assertThat(incidents.keySet()).as("one incident per group, none for staging or info alerts")
                .containsExactlyInAnyOrderElementsOf(groups.stream().map(g -> g.kind().summary()).toList());
        for (Group group : groups) {
            JsonNode incident = incidents.get(group.kind().summary());
            String what = group.kind().summary();
            assertThat(incident.at("/service/id").asString()).as(what + "'s service").isEqualTo(group.serviceId());
            assertThat(incident.get("urgency").asString()).as(what + "'s urgency").isEqualTo(group.urgency());
            assertThat(incident.get("alertCount").asInt()).as(what + "'s alertCount")
                    .isEqualTo(sentByKind.get(what).size()).isEqualTo(group.kind().perBody() * BODIES);
            assertThat(alertKeys(admin, incident.get("id").asString())).as(what + "'s alerts are exactly its group's")
                    .isEqualTo(sentByKind.get(what).stream().map(Sent::fingerprint).collect(toSet()));
        }

        // One page per group: each title reaches the on-call person's phone once, alone or in a bundle.
        Map<String, Long> paged = Poll.value("a page for each of the " + groups.size() + " groups on " + onCall.handle()
                + "'s phone", Duration.ofSeconds(90), () -> {
                    Map<String, Long> seen = pagesByTitle(system.twilio(), onCall, groups);
                    return seen.size() == groups.size() ? Optional.of(seen) : Optional.empty();
                });
        Duration toPages = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("alert storm: %d alerts in %d bodies answered 202 in %d ms (%d retries), every group paged after %d ms,"
                        + " in %d texts%n", storm.alerts().size(), BODIES, delivery.took().toMillis(), delivery.retries(),
                toPages.toMillis(), pageTexts(system.twilio(), onCall).size());
        assertThat(paged).as("texts naming each group's incident").allSatisfy((title, n) -> assertThat(n).as(title).isEqualTo(1L));
        List<String> texts = pageTexts(system.twilio(), onCall);
        assertThat(texts).as("pages, bundled or not: no more texts than groups").hasSizeLessThanOrEqualTo(groups.size())
                .noneMatch(t -> t.contains(staging.summary()) || t.contains(info.summary()));
        for (Person other : crew.people.values()) {
            if (!other.equals(onCall)) {
                assertThat(pageTexts(system.twilio(), other)).as(other.handle() + " is not on call at step 0").isEmpty();
            }
        }
        for (Group group : groups) {
            String id = incidents.get(group.kind().summary()).get("id").asString();
            Map<String, Long> log = Poll.value(group.kind().summary() + "'s text recorded in its log", () -> {
                List<JsonNode> events = events(admin, id);
                Map<String, Long> kindsSeen = events.stream().collect(groupingBy(e -> e.get("kind").asString(), counting()));
                long sms = events.stream().filter(e -> e.get("kind").asString().equals("NOTIFICATION_SENT")
                        && e.at("/data/channel").asString("").equalsIgnoreCase("SMS")).count();
                return sms >= 1 ? Optional.of(withSms(kindsSeen, sms)) : Optional.empty();
            });
            assertThat(log).as(group.kind().summary() + "'s log")
                    .containsEntry("TRIGGERED", 1L)
                    .containsEntry("ALERT_JOINED", (long) group.kind().perBody() * BODIES - 1)
                    .containsEntry("STEP_FIRED", 1L)
                    .containsEntry("SMS", 1L);
        }

        assertThat(droppedBy(system, crew.serviceId, INFO_RULE)).as("info alerts dropped, and counted")
                .isEqualTo(info.perBody() * BODIES);
        assertThat(testRouting(admin, crew.serviceId, "db", "critical", null))
                .isEqualTo("databases PAGE " + databases + " HIGH");
        assertThat(testRouting(admin, crew.serviceId, null, "critical", "staging")).startsWith("staging is quiet SUPPRESS");
        assertThat(testRouting(admin, crew.serviceId, null, "info", null)).startsWith(INFO_RULE + " DROP");
        assertThat(testRouting(admin, crew.serviceId, null, "warning", null))
                .isEqualTo("null PAGE " + crew.serviceId + " LOW");
        System.out.printf("alert storm: %d ms from the storm to the last check, %d ms with the team's set-up%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    private static Map<String, Object> rule(String name, String field, String value, Map<String, Object> actions) {
        return Map.of("name", name, "conditions", List.of(Map.of("field", field, "operator", "EQUALS", "value", value)),
                "actions", actions);
    }

    private static Kind kind(String summary, int perBody, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Kind(summary, map, perBody);
    }

    /** The crew pages only at high urgency; the warnings' group must reach the phone too. */
    private static void pageAtLowUrgencyToo(Gql admin, Crew crew, Person person) {
        JsonNode members = admin.data("query($id: ID!) { team(id: $id) { members(first: 50) { edges { node { user {"
                + " id contactMethods { id type } } } } } } }", Map.of("id", crew.teamId)).at("/team/members/edges");
        String sms = members.valueStream().map(e -> e.at("/node/user")).filter(u -> u.get("id").asString().equals(person.id()))
                .flatMap(u -> u.get("contactMethods").valueStream()).filter(m -> m.get("type").asString().equals("SMS"))
                .map(m -> m.get("id").asString()).findFirst().orElseThrow();
        admin.mutate("addNotificationRule", "notificationRule { id }", Map.of("userId", person.id(),
                "contactMethodId", sms, "delaySeconds", 0, "urgency", "LOW"));
    }

    private static Map<String, JsonNode> incidentsByTitle(Gql admin, String teamId) {
        JsonNode edges = admin.data("query($team: ID) { incidents(teamId: $team, first: 100) { edges { node {"
                + " id title urgency alertCount service { id } } } } }", Map.of("team", teamId)).at("/incidents/edges");
        Map<String, JsonNode> byTitle = new HashMap<>();
        edges.valueStream().map(e -> e.get("node")).forEach(n -> assertThat(byTitle.put(n.get("title").asString(), n))
                .as("a second incident titled " + n.get("title")).isNull());
        return byTitle;
    }

    /** The dedup keys of every alert of the incident, all pages of them. */
    private static Set<String> alertKeys(Gql admin, String incidentId) {
        return pages(admin, incidentId, "alerts", "dedupKey").stream().map(n -> n.get("dedupKey").asString()).collect(toSet());
    }

    /** The incident's whole log. */
    private static List<JsonNode> events(Gql admin, String incidentId) {
        return pages(admin, incidentId, "events", "kind data");
    }

    private static List<JsonNode> pages(Gql admin, String incidentId, String connection, String selection) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("id", incidentId);
            vars.put("after", after);
            JsonNode page = admin.data("query($id: ID!, $after: String) { incident(id: $id) { " + connection
                    + "(first: 100, after: $after) { edges { node { " + selection + " } } pageInfo { hasNextPage endCursor } } } }",
                    vars).at("/incident/" + connection);
            page.get("edges").valueStream().map(e -> e.get("node")).forEach(nodes::add);
            after = page.at("/pageInfo/hasNextPage").asBoolean() ? page.at("/pageInfo/endCursor").asString() : null;
        } while (after != null);
        return nodes;
    }

    private static Map<String, Long> withSms(Map<String, Long> kinds, long sms) {
        Map<String, Long> out = new HashMap<>(kinds);
        out.put("SMS", sms);
        return out;
    }

    /** The pages (not verification codes) texted to the person. */
    private static List<String> pageTexts(FakeTwilio twilio, Person person) {
        return twilio.sentTo(person.phone()).stream().filter(t -> t.kind().equals("sms") && t.body().startsWith("[Oncall]")
                        && !t.body().contains("verification code"))
                .map(FakeTwilio.Sent::body).toList();
    }

    /** How many texts name each group's incident (a single page or an entry of a bundle: "Service: title"). */
    private static Map<String, Long> pagesByTitle(FakeTwilio twilio, Person person, List<Group> groups) {
        Map<String, Long> seen = new HashMap<>();
        for (String text : pageTexts(twilio, person)) {
            for (Group g : groups) {
                long n = Pattern.compile(Pattern.quote(": " + g.kind().summary())).matcher(text).results().count();
                if (n > 0) {
                    seen.merge(g.kind().summary(), n, Long::sum);
                }
            }
        }
        return seen;
    }

    /** The {@code oncall_alerts_dropped_total} an operator's Prometheus scrapes, for the service and rule. */
    private static int droppedBy(Installation system, String serviceId, String rule) {
        String metrics = Http.get(system.url("/actuator/prometheus")).body();
        return metrics.lines().filter(l -> l.startsWith("oncall_alerts_dropped_total{") && l.contains("service=\"" + serviceId + "\"")
                        && l.contains("rule=\"" + rule + "\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).mapToInt(Double::intValue).sum();
    }

    /** What testRouting says of an example alert: "rule outcome service urgency". */
    private static String testRouting(Gql admin, String serviceId, String team, String severity, String env) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("alertname", "Example", "cluster", "eu-1", "severity", severity));
        if (team != null) {
            labels.put("team", team);
        }
        if (env != null) {
            labels.put("env", env);
        }
        String event = JSON.writeValueAsString(Map.of("status", "firing", "labels", labels,
                "annotations", Map.of("summary", "example"), "fingerprint", "0123456789abcdef"));
        JsonNode payload = admin.data("query($s: ID!, $e: String!) { testRouting(serviceId: $s, event: $e) {"
                + " result { rule outcome service { id } urgency } userErrors { field message } } }",
                Map.of("s", serviceId, "e", event)).get("testRouting");
        assertThat(payload.get("userErrors")).as("testRouting's userErrors").isEmpty();
        JsonNode r = payload.get("result");
        Function<String, String> text = p -> r.at(p).isMissingNode() || r.at(p).isNull() ? "null" : r.at(p).asString();
        return String.join(" ", text.apply("/rule"), text.apply("/outcome"), text.apply("/service/id"), text.apply("/urgency"));
    }
}
