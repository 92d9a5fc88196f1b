package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.team.TeamRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The preview is the page: for every step of a policy, {@code whoIsOnCall} at the instant the
 * step fires names exactly the people the step then pages (its {@code step_fired} event, in
 * order, and its notification intents), through user, schedule and team targets, a person named
 * by several targets, an observer, and two schedules with the same person on call.
 */
class WhoIsOnCallMatchesPagingTest extends IncidentTestBase {
    private static final Duration STEP = Duration.ofMinutes(5);

    @Autowired
    TeamRepository teams;

    @Test
    void whoIsOnCallForEveryStepIsWhoIsThenPaged() {
        clock.set(START);
        Crew crew = crew();
        Gql admin = as(crew.token("ADMIN"));
        Gql manager = as(crew.token("MANAGER"));
        String responder = crew.id("RESPONDER");
        String observer = crew.id("OBSERVER");
        String mgr = crew.id("MANAGER");
        String carol = admin().mutate("createUser", "user { id }", Map.of("teamId", crew.teamId(), "role", "RESPONDER",
                "handle", unique("carol"), "name", "Carol", "email", unique("carol") + "@example.com",
                "timezone", "UTC")).at("/user/id").asString();
        // Everyone in the team is reachable, so each person paged gets an intent.
        teams.members(UUID.fromString(crew.teamId())).forEach(m -> contacts.seedVerified(contacts.addMethod(m.userId(),
                ContactMethodType.EMAIL, "work", unique("mail") + "@example.com", 0).id(), clock.instant()));

        // Daily, from March 1st: on March 2nd the first has Carol; the second has Carol and the manager.
        String first = dailySchedule(manager, crew.teamId(), List.of(responder, carol), 1);
        String second = dailySchedule(manager, crew.teamId(), List.of(carol, mgr), 2);
        var policy = policies.create(UUID.fromString(crew.teamId()), unique("policy"), "", 0, List.of(
                step(target("USER", responder)),
                step(target("SCHEDULE", first)),
                step(target("SCHEDULE", first), target("SCHEDULE", second), target("USER", carol)),
                step(target("TEAM", crew.teamId())),
                step(target("USER", observer), target("TEAM", crew.teamId()), target("SCHEDULE", second))));
        Service service = services.create(UUID.fromString(crew.teamId()), unique("svc"), "", policy.id(),
                Urgency.HIGH, Optional.empty());
        UUID incident = trigger(service, unique("dedup"));

        List<List<String>> previewed = new ArrayList<>();
        for (int level = 1; level <= policy.steps().size(); level++) {
            JsonNode step = manager.data("""
                            query($p: ID!, $at: DateTime) { whoIsOnCall(policyId: $p, at: $at) { level users { id } } }""",
                    Map.of("p", policy.id().toString(), "at", clock.instant().toString())).get("whoIsOnCall").get(level - 1);
            assertThat(step.get("level").asInt()).isEqualTo(level);
            List<String> preview = userIds(step.get("users"));
            previewed.add(preview);

            fireDue(incident);

            assertThat(paged(incident, "step_fired", level - 1)).as("step %d", level).isEqualTo(preview);
            assertThat(intended(incident, level - 1)).as("intents of step %d", level)
                    .containsExactlyInAnyOrderElementsOf(preview);
            clock.advance(STEP);
        }
        assertThat(previewed.get(0)).containsExactly(responder);
        assertThat(previewed.get(1)).containsExactly(carol);
        assertThat(previewed.get(2)).containsExactly(carol, mgr);
        assertThat(previewed.get(3)).hasSize(5).doesNotContain(observer).contains(responder, carol, mgr);
        assertThat(previewed.get(4)).startsWith(observer).hasSize(6);

        // After the last step the whole team is paged as a team target pages it: observers left out.
        fireDue(incident);
        assertThat(paged(incident, "exhausted", -1)).isEqualTo(previewed.get(3));
    }

    private static EscalationStep step(StepTarget... targets) {
        return new EscalationStep(STEP, List.of(targets));
    }

    private static StepTarget target(String type, String id) {
        return new StepTarget(TargetType.valueOf(type), UUID.fromString(id));
    }

    /** The users of the incident's event of {@code kind} (for a step page, of that step), in the order paged. */
    private List<String> paged(UUID incident, String kind, int step) {
        String data = db().sql("""
                        SELECT data::text FROM incident_events WHERE incident_id = :id AND kind = :kind
                        AND (:step < 0 OR (data->>'step')::int = :step) ORDER BY seq""")
                .param("id", incident).param("kind", kind).param("step", step).query(String.class).single();
        List<String> out = new ArrayList<>();
        JSON.readTree(data).get("users").forEach(u -> out.add(u.asString()));
        return out;
    }

    /** Who the step's notification intents are for. */
    private List<String> intended(UUID incident, int step) {
        return db().sql("SELECT DISTINCT user_id::text FROM notification_attempts WHERE incident_id = :id AND step = :step AND loop_count = 0")
                .param("id", incident).param("step", step).query(String.class).list();
    }
}
