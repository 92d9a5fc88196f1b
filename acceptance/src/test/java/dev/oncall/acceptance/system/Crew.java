package dev.oncall.acceptance.system;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A team set up through the API by the installation's owner (the bootstrap admin), the one who
 * may create teams and people and give them contact methods: no team role may do the latter two
 * (docs/api.md#who-may-do-what). People with an SMS number and a webhook each, both verified
 * (both used at once for high urgency), a weekly rotation of the responders, a policy paging the
 * rotation first and the manager next, a service with an Events API and an Alertmanager key, and
 * the team's own webhook signing secret. Names are unique per crew, so stories never share data.
 */
public final class Crew {
    private static final AtomicInteger crews = new AtomicInteger();
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** A member as the stories see them: how to reach their phone and their webhook. */
    public record Person(String handle, String id, String role, String phone, String webhookPath) {}

    public final Installation installation;
    public final Gql admin;
    public final String name;
    public final String teamId;
    public final Map<String, Person> people = new LinkedHashMap<>();
    public String scheduleId;
    public String policyId;
    public String serviceId;
    public String eventsKey;
    public String alertmanagerKey;
    /** The team's webhook signing secret, shown to its admin once when made. */
    public final String webhookSecret;

    private Crew(Installation installation, String name) {
        this.installation = installation;
        this.admin = installation.admin();
        this.name = name;
        this.teamId = admin.mutate("createTeam", "team { id }", Map.of("name", name)).at("/team/id").asString();
        this.webhookSecret = admin.mutate("rotateWebhookSigningSecret", "secret", Map.of("teamId", teamId))
                .at("/secret").asString();
    }

    /**
     * Responders {@code rotation} on the weekly rotation, {@code manager} paged at step 2, and
     * {@code observers} who read everything and are never paged.
     */
    public static Crew of(Installation installation, String team, List<String> rotation, String manager, List<String> observers) {
        int n = crews.incrementAndGet();
        Crew crew = new Crew(installation, team + " " + n);
        rotation.forEach(h -> crew.person(h + n, "RESPONDER"));
        crew.person(manager + n, "MANAGER");
        observers.forEach(h -> crew.person(h + n, "OBSERVER"));
        LocalDate monday = LocalDate.now(ZONE).minusWeeks(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        crew.scheduleId = crew.admin.mutate("createSchedule", "schedule { id }", Map.of(
                "teamId", crew.teamId, "name", "Primary", "timezone", ZONE.getId(),
                "layers", List.of(Map.of("name", "weekly", "start", monday + "T09:00",
                        "rotation", Map.of("type", "WEEKLY", "length", 1),
                        "participants", rotation.stream().map(h -> crew.id(h + n)).toList()))))
                .at("/schedule/id").asString();
        crew.policyId = crew.admin.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId, "name", "Default", "steps", List.of(
                        Map.of("escalateAfterSeconds", 600, "targets", List.of(Map.of("type", "SCHEDULE", "id", crew.scheduleId))),
                        Map.of("escalateAfterSeconds", 600, "targets", List.of(Map.of("type", "USER", "id", crew.id(manager + n)))))))
                .at("/escalationPolicy/id").asString();
        crew.serviceId = crew.admin.mutate("createService", "service { id }", Map.of(
                "teamId", crew.teamId, "name", "Storage", "escalationPolicyId", crew.policyId))
                .at("/service/id").asString();
        crew.eventsKey = crew.key("EVENTS_V2");
        crew.alertmanagerKey = crew.key("ALERTMANAGER");
        return crew;
    }

    private String key(String type) {
        return admin.mutate("createIntegrationKey", "integrationKey { secret }", Map.of(
                "serviceId", serviceId, "type", type, "name", type.toLowerCase()))
                .at("/integrationKey/secret").asString();
    }

    private void person(String handle, String role) {
        String id = admin.mutate("createUser", "user { id }", Map.of("teamId", teamId, "role", role,
                "handle", handle, "name", handle, "email", handle + "@example.com", "timezone", "America/New_York"))
                .at("/user/id").asString();
        String phone = "+1555" + String.format("%07d", Math.abs(id.hashCode()) % 10_000_000);
        Person p = new Person(handle, id, role, phone, handle);
        people.put(handle, p);
        List<String> methods = new ArrayList<>();
        methods.add(admin.mutate("addContactMethod", "contactMethod { id }", Map.of("userId", id, "type", "SMS",
                "label", "phone", "address", phone, "priority", 0)).at("/contactMethod/id").asString());
        methods.add(admin.mutate("addContactMethod", "contactMethod { id }", Map.of("userId", id, "type", "WEBHOOK",
                "label", "pager", "address", installation.webhooks().url(handle), "priority", 1)).at("/contactMethod/id").asString());
        // Only verified methods are paged: the number by the code texted to it, the webhook by its challenge.
        Verify.sms(installation, admin, methods.get(0), phone);
        Verify.webhook(admin, id, methods.get(1));
        for (String method : methods) {
            admin.mutate("addNotificationRule", "notificationRule { id }", Map.of("userId", id,
                    "contactMethodId", method, "delaySeconds", 0, "urgency", "HIGH"));
        }
    }

    public String id(String handle) {
        return person(handle).id();
    }

    public Person person(String handle) {
        Person p = people.get(handle);
        if (p == null) {
            throw new IllegalArgumentException("no " + handle + " in " + people.keySet());
        }
        return p;
    }

    public Person byId(String id) {
        return people.values().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("nobody of " + name + " has id " + id));
    }

    /** Who the schedule says is on call now. */
    public List<Person> onCallNow() {
        JsonNode users = admin.data("query($id: ID!) { schedule(id: $id) { onCall { id } } }", Map.of("id", scheduleId))
                .at("/schedule/onCall");
        return Gql.texts(users, "id").stream().map(this::byId).toList();
    }

    /** The webhook pages a person received so far. */
    public List<JsonNode> webhookPages(Person p) {
        return installation.webhooks().received(p.webhookPath());
    }

    /** The incident opened for {@code title}, once it exists. */
    public String incidentTitled(String title) {
        return Poll.value("an incident titled " + title, () -> admin.data(
                        "query($team: ID) { incidents(teamId: $team, first: 100) { edges { node { id title } } } }",
                        Map.of("team", teamId)).at("/incidents/edges").valueStream()
                .map(e -> e.get("node")).filter(n -> n.get("title").asString().equals(title))
                .map(n -> n.get("id").asString()).findFirst());
    }

    /** An incident as {@code incident(id)} answers, with its whole log. */
    public JsonNode incident(String incidentId) {
        return admin.data("""
                query($id: ID!) { incident(id: $id) { id title status currentStep nextStep exhausted
                  assignees { id } events(first: 100) { edges { cursor node { id seq kind channel data } } } } }""",
                Map.of("id", incidentId)).get("incident");
    }

    /** The incident's log, in seq order. */
    public List<JsonNode> events(String incidentId) {
        return incident(incidentId).at("/events/edges").valueStream().map(e -> e.get("node")).toList();
    }

    /**
     * A stream that follows "from now on" starts when the server has set it up, which a client
     * cannot see; so note on a quiet low-urgency incident of the team until the note arrives.
     * From then on the feed holds every event of the team.
     */
    public void awaitLive(LiveFeed feed) {
        String quiet = admin.mutate("triggerIncident", "incident { id }", Map.of("serviceId", serviceId,
                "summary", "warm-up " + name, "urgency", "LOW")).at("/incident/id").asString();
        String marker = "live " + System.nanoTime();
        Poll.until("the live feed of " + name + " to start", () -> {
            admin.mutate("addNote", "incident { id }", Map.of("incidentId", quiet, "note", marker));
            return feed.updates().stream().anyMatch(u -> marker.equals(u.at("/event/data/note").asString(null)));
        });
        admin.mutate("resolve", "incident { id }", Map.of("incidentId", quiet));
    }
}
