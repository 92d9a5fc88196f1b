package dev.oncall.api.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.JsonNode;

/**
 * Nobody gains anything of a team they are not in. Team "victims" has a person in every role,
 * a schedule, an override and a cover request, a policy, a service with keys, an incident, a
 * heartbeat monitor, contact methods, notification rules, tokens and a calendar feed. Each
 * person of an unrelated team "outsiders", in each role, then sends every query, mutation and
 * subscription of the schema twice: with every id pointing at the victims' things, and with
 * their own team's ids but the victims' people (the addMember attack: "add pat to my team").
 * Every answer that names a victim's thing is refused; no answer holds a victim's id, email,
 * phone number or secret that the request did not itself carry; and nothing of the victims
 * changed. Every request naming the victims' things is sent again with fresh ids naming nothing
 * in their place, and must be answered alike (after the ids themselves are normalized), so no
 * answer tells an outsider which ids exist.
 */
class TenantIsolationTest extends ApiTest {
    private static final String PHONE = "+14155550199";
    /**
     * Asking a person of another team to join: it grants nothing until they accept, and its answer
     * names them only by id, handle and name (docs/api.md, "Joining a team").
     */
    private static final Set<String> INVITATIONS = Set.of("inviteMember");
    /** A handle naming nobody, in place of the victims' person's handle. */
    private static final String NO_HANDLE = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    /**
     * Root fields whose answer may differ between a victims' person and an id naming nobody when
     * the request names the caller's own team (with the victims' team they are compared like every
     * other field), and why that tells nothing that is not meant to be told. Handles are compared
     * too (the victims' person's handle against one naming nobody): {@code addMember} refuses
     * before it looks anyone up, and only {@code inviteMember} is meant to find a person by handle.
     */
    private static final Map<String, String> SANCTIONED = Map.of(
            "inviteMember", "inviting a person of another team is the sanctioned way toward them (docs/api.md, "
                    + "\"Joining a team\"); its answer names them");

    @Autowired
    private GraphQlSource graphQl;

    @Test
    void noRoleOfAnotherTeamCanReadOrChangeAnythingOfTheVictims() throws Exception {
        Victims victims = victims();
        Crew outsiders = crew();
        String fingerprintBefore = fingerprint(victims);

        Map<String, String> ownTeam = new HashMap<>(victims.ids);
        Map<String, String> outsiderThings = outsiderThings(outsiders);
        outsiderThings.forEach(ownTeam::put);
        List<String> problems = new ArrayList<>();
        int cases = 0;
        int compared = 0;
        for (Map<String, String> ids : List.of(victims.ids, ownTeam)) {
            List<Probe.Request> requests = new Probe(graphQl.schema(), ids, victims.handle).requests();
            List<Probe.Request> namingNothing = new Probe(graphQl.schema(), namingNothing(ids, victims), NO_HANDLE)
                    .requests();
            for (String role : List.of("OBSERVER", "RESPONDER", "MANAGER", "ADMIN")) {
                for (int i = 0; i < requests.size(); i++) {
                    Probe.Request request = requests.get(i);
                    cases++;
                    String answer = check(request, outsiders.token(role), role, victims, problems);
                    boolean sanctioned = ids == ownTeam && SANCTIONED.containsKey(request.field());
                    if (answer != null && namesVictims(request, victims) && !sanctioned) {
                        compared++;
                        compareWithNothing(request, answer, namingNothing.get(i), outsiders.token(role), role, victims,
                                problems);
                    }
                }
            }
        }
        System.out.println("tenant isolation: " + cases + " requests (every root field of the schema, 4 roles, 2 ways), "
                + compared + " of them compared with the same request naming nothing, " + problems.size() + " problems");
        assertThat(problems).as("%d cases", cases).isEmpty();
        assertThat(fingerprint(victims)).as("nothing of the victims changed").isEqualTo(fingerprintBefore);
    }

    /** The answer, or null when a subscription was accepted. */
    private String check(Probe.Request request, String token, String role, Victims victims, List<String> problems) {
        String body = body(request);
        boolean namesVictims = namesVictims(request, victims);
        // A refused subscription answers at once; one of the caller's own may rightly stay open.
        String answer = send(body, request.operation().equals("subscription"), namesVictims ? 10 : 2, token);
        String what = role + " " + request + " " + request.variables();
        if (answer == null) {
            if (namesVictims) {
                problems.add(what + ": a subscription to the victims' things was accepted");
            }
            return null;
        }
        boolean invitation = INVITATIONS.contains(request.field());
        for (String secret : victims.secrets) {
            boolean invitee = invitation && victims.people.contains(secret);
            if (answer.contains(secret) && !body.contains(secret) && !invitee) {
                problems.add(what + ": the answer holds the victims' " + secret + ": " + excerpt(answer));
            }
        }
        if (namesVictims && !invitation && !refused(JSON.readTree(answer), request.field())) {
            problems.add(what + ": not refused: " + excerpt(answer));
        }
        return answer;
    }

    private static String body(Probe.Request request) {
        return JSON.writeValueAsString(Map.of("query", request.document(), "variables", request.variables()));
    }

    private static boolean namesVictims(Probe.Request request, Victims victims) {
        String body = body(request);
        return victims.ids.values().stream().anyMatch(body::contains);
    }

    /**
     * The ids with every victims' id replaced by a fresh one naming nothing (the same fresh id
     * wherever the same victims' id stood), the caller's own ids kept.
     */
    private static Map<String, String> namingNothing(Map<String, String> ids, Victims victims) {
        Map<String, String> fresh = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        ids.forEach((noun, id) -> out.put(noun, victims.ids.containsValue(id)
                ? fresh.computeIfAbsent(id, v -> UUID.randomUUID().toString()) : id));
        return out;
    }

    /**
     * The same request with fresh ids in place of the victims' must be answered alike: the same
     * errors (classification, message, field), the same userErrors (field, message), no data in
     * either. Otherwise an outsider could tell which ids exist.
     */
    private void compareWithNothing(Probe.Request request, String answer, Probe.Request nothing, String token, String role,
            Victims victims, List<String> problems) {
        String other = send(body(nothing), nothing.operation().equals("subscription"), 10, token);
        String what = role + " " + request + " " + request.variables();
        if (other == null) {
            problems.add(what + ": refused with the victims' ids, but accepted with ids naming nothing");
        } else if (!normalized(answer, victims).equals(normalized(other, victims))) {
            problems.add(what + ": answers unlike ids naming nothing: " + excerpt(answer) + " <> " + excerpt(other));
        }
    }

    /** The answer with the ids, handles and generated names it may echo replaced by placeholders. */
    private static String normalized(String answer, Victims victims) {
        return answer.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>")
                .replace(victims.handle, "<handle>").replace(NO_HANDLE, "<handle>")
                .replaceAll("probe-[0-9a-f]{8}", "probe-<name>");
    }

    /** Errors, userErrors, or nothing in the answer's data. */
    private static boolean refused(JsonNode answer, String field) {
        if (answer.has("errors") && !answer.get("errors").isEmpty()) {
            return true;
        }
        JsonNode data = answer.at("/data/" + field);
        if (data.isMissingNode() || data.isNull()) {
            return true;
        }
        if (data.has("userErrors") && !data.get("userErrors").isEmpty()) {
            return true;
        }
        return data.isArray() && data.isEmpty();
    }

    /** The answer's text; null when a subscription was accepted (no event within the deadline). */
    private String send(String body, boolean subscription, int subscriptionSeconds, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .header("Accept", subscription ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<Stream<String>>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        try {
            HttpResponse<Stream<String>> response = sent.get(subscription ? subscriptionSeconds : 30, TimeUnit.SECONDS);
            try (Stream<String> lines = response.body()) {
                String text = subscription
                        ? lines.filter(l -> l.startsWith("data:")).findFirst().map(l -> l.substring(5)).orElse("{}")
                        : lines.collect(Collectors.joining("\n"));
                assertThat(response.statusCode()).as(body + " -> " + text).isLessThan(500);
                return text;
            }
        } catch (TimeoutException accepted) {
            sent.cancel(true);
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the victims' admin sees of their team: it must read the same before and after. */
    private String fingerprint(Victims victims) {
        Gql admin = as(victims.crew.token("ADMIN"));
        JsonNode team = admin.data("""
                query($id: ID!) { team(id: $id) { name description
                  members { edges { node { role user { id handle name email timezone
                    contactMethods { id type address priority disabled } notificationRules { id delaySeconds } } } } }
                  schedules { edges { node { id name version timezone } } }
                  escalationPolicies { edges { node { id name version steps { position targets { id } } } } }
                  services { edges { node { id name maintenanceUntil integrationKeys { id name } } } }
                  apiTokens { edges { node { id name revokedAt } } } } }""", Map.of("id", victims.crew.teamId()));
        JsonNode incidents = admin.data("query($id: ID) { incidents(teamId: $id) { edges { node { id status assignees { id } } } } }",
                Map.of("id", victims.crew.teamId()));
        return team.toString() + incidents.toString();
    }

    /** The victims' team with one of everything, and what must never leak. */
    private record Victims(Crew crew, Map<String, String> ids, Set<String> secrets, String handle, Set<String> people) {}

    private Victims victims() {
        Crew crew = crew();
        Gql admin = as(crew.token("ADMIN"));
        Gql manager = as(crew.token("MANAGER"));
        Gql responder = as(crew.token("RESPONDER"));
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        ids.put("team", crew.teamId());
        ids.put("user", crew.id("RESPONDER"));
        String schedule = manager.mutate("createSchedule", "schedule { id layers { id } }", Map.of("teamId", crew.teamId(),
                "name", "victims", "timezone", "UTC", "layers", List.of(Map.of("name", "weekly", "start", "2026-03-02T09:00",
                        "rotation", Map.of("type", "WEEKLY", "length", 1),
                        "participants", List.of(crew.id("RESPONDER"), crew.id("MANAGER")))))).at("/schedule").toString();
        JsonNode s = JSON.readTree(schedule);
        ids.put("schedule", s.get("id").asString());
        ids.put("layer", s.at("/layers/0/id").asString());
        Instant soon = clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ids.put("override", responder.mutate("createOverride", "override { id }", Map.of("scheduleId", ids.get("schedule"),
                "start", soon.toString(), "end", soon.plus(2, ChronoUnit.HOURS).toString())).at("/override/id").asString());
        ids.put("coverage", responder.mutate("requestCoverage", "coverageRequest { id }", Map.of("scheduleId",
                ids.get("schedule"), "start", soon.plus(4, ChronoUnit.HOURS).toString(),
                "end", soon.plus(6, ChronoUnit.HOURS).toString())).at("/coverageRequest/id").asString());
        String policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of("teamId", crew.teamId(),
                "name", "victims", "steps", List.of(Map.of("escalateAfterSeconds", 600, "targets", List.of(
                        Map.of("type", "SCHEDULE", "id", ids.get("schedule"))))))).at("/escalationPolicy/id").asString();
        ids.put("escalationpolicy", policy);
        ids.put("policy", policy);
        ids.put("service", manager.mutate("createService", "service { id }", Map.of("teamId", crew.teamId(),
                "name", "victims", "escalationPolicyId", policy)).at("/service/id").asString());
        JsonNode key = manager.mutate("createIntegrationKey", "integrationKey { id secret }", Map.of("serviceId",
                ids.get("service"), "type", "EVENTS_V2", "name", "victims")).get("integrationKey");
        ids.put("integrationkey", key.get("id").asString());
        secrets.add(key.get("secret").asString());
        ids.put("incident", manager.mutate("triggerIncident", "incident { id }", Map.of("serviceId", ids.get("service"),
                "summary", "victims' incident", "urgency", "LOW")).at("/incident/id").asString());
        ids.put("heartbeatmonitor", manager.mutate("createHeartbeatMonitor", "heartbeatMonitor { id }", Map.of(
                "serviceId", ids.get("service"), "name", "victims", "intervalMinutes", 15)).at("/heartbeatMonitor/id").asString());
        JsonNode method = responder.mutate("addContactMethod", "contactMethod { id }", Map.of("type", "SMS",
                "label", "phone", "address", PHONE, "priority", 0)).get("contactMethod");
        ids.put("contactmethod", method.get("id").asString());
        ids.put("notificationrule", responder.mutate("addNotificationRule", "notificationRule { id }", Map.of(
                "contactMethodId", ids.get("contactmethod"), "delaySeconds", 0, "urgency", "HIGH"))
                .at("/notificationRule/id").asString());
        JsonNode token = admin.mutate("createApiToken", "apiToken { id } token", Map.of("name", "victims",
                "teamId", crew.teamId(), "role", "OBSERVER"));
        ids.put("apitoken", token.at("/apiToken/id").asString());
        secrets.add(token.get("token").asString());
        JsonNode feed = responder.mutate("createCalendarFeed", "calendarFeed { id } url", Map.of("scheduleId", ids.get("schedule")));
        ids.put("calendarfeed", feed.at("/calendarFeed/id").asString());
        String url = feed.get("url").asString();
        secrets.add(url.substring(url.lastIndexOf('/') + 1).replace(".ics", ""));
        crew.tokens().values().forEach(secrets::add);
        secrets.add(PHONE);
        String handle = null;
        for (String role : List.of("OBSERVER", "RESPONDER", "MANAGER", "ADMIN")) {
            JsonNode person = admin.data("query($id: ID!) { user(id: $id) { handle email } }", Map.of("id", crew.id(role)))
                    .get("user");
            secrets.add(person.get("email").asString());
            if (role.equals("RESPONDER")) {
                handle = person.get("handle").asString();
            }
        }
        secrets.addAll(ids.values());
        return new Victims(crew, ids, secrets, handle, Set.copyOf(crew.ids().values()));
    }

    /** The outsiders' own team things, for requests that use them with the victims' people. */
    private Map<String, String> outsiderThings(Crew outsiders) {
        Gql manager = as(outsiders.token("MANAGER"));
        Map<String, String> own = new LinkedHashMap<>();
        own.put("team", outsiders.teamId());
        String schedule = manager.mutate("createSchedule", "schedule { id }", Map.of("teamId", outsiders.teamId(),
                "name", "outsiders", "timezone", "UTC")).at("/schedule/id").asString();
        own.put("schedule", schedule);
        String policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of("teamId",
                outsiders.teamId(), "name", "outsiders", "steps", List.of(Map.of("escalateAfterSeconds", 600,
                        "targets", List.of(Map.of("type", "USER", "id", outsiders.id("RESPONDER"))))))).at("/escalationPolicy/id")
                .asString();
        own.put("escalationpolicy", policy);
        own.put("policy", policy);
        own.put("service", manager.mutate("createService", "service { id }", Map.of("teamId", outsiders.teamId(),
                "name", "outsiders", "escalationPolicyId", policy)).at("/service/id").asString());
        return own;
    }

    private static String excerpt(String text) {
        return text.length() > 300 ? text.substring(0, 300) + " ..." : text;
    }
}
