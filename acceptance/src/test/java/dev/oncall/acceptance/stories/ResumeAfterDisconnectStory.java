package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.LiveFeed;
import dev.oncall.acceptance.system.Poll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard loses its connection while an escalation is paging people, and comes back with
 * the last cursor it received: it gets exactly the events it missed — the pages sent while it
 * was away, the escalation to the next step, a note — each once, in order.
 */
@ExtendWith(InstallationExtension.class)
class ResumeAfterDisconnectStory {

    @ParameterizedTest
    @EnumSource(LiveFeed.Transport.class)
    void aDashboardThatReconnectsWithItsCursorGetsExactlyWhatItMissed(LiveFeed.Transport transport, Installation system) {
        Crew crew = Crew.of(system, "Payments " + transport, List.of("dan", "erin"), "frank", List.of());
        Person onCall = crew.onCallNow().getFirst();
        Person manager = crew.people.values().stream().filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow();
        String title = "Checkout latency high (" + transport + ")";

        LiveFeed dashboard = LiveFeed.open(transport, system, system.adminToken(), crew.teamId, Optional.empty());
        String incident;
        try {
            crew.awaitLive(dashboard);
            assertThat(Http.postJson(system.url("/v2/enqueue"), """
                    {"routing_key": "%s", "event_action": "trigger",
                     "payload": {"summary": "%s", "source": "checkout", "severity": "error"}}"""
                    .formatted(crew.eventsKey, title)).statusCode()).isEqualTo(202);
            incident = crew.incidentTitled(title);
            // Gone the moment the step fired: its pages are being sent right now.
            dashboard.until("the first step", u -> ofIncident(u, incident) && LiveFeed.kind(u).equals("STEP_FIRED"));
        } finally {
            dashboard.close();
        }
        // What the client holds once its connection is gone.
        List<JsonNode> before = dashboard.updates();
        String cursor = before.getLast().get("cursor").asString();

        // Meanwhile: the pages go out, nobody answers, a manager escalates by hand, and notes it.
        Poll.until("the text to " + onCall.handle(), () -> system.twilio().sentTo(onCall.phone()).stream()
                .anyMatch(s -> s.body().contains(title)));
        crew.admin.mutate("escalate", "incident { id }", Map.of("incidentId", incident));
        Poll.until("the text to " + manager.handle(), () -> system.twilio().sentTo(manager.phone()).stream()
                .anyMatch(s -> s.body().contains(title)));
        String note = "while the dashboard was away " + transport;
        crew.admin.mutate("addNote", "incident { id }", Map.of("incidentId", incident, "note", note));

        List<JsonNode> after;
        try (LiveFeed resumed = LiveFeed.open(transport, system, system.adminToken(), crew.teamId, Optional.of(cursor))) {
            after = resumed.until("the note", u -> note.equals(u.at("/event/data/note").asString(null)));
        }

        Set<String> seenBefore = new HashSet<>(ids(before));
        assertThat(ids(after)).as("nothing delivered twice").doesNotContainAnyElementsOf(seenBefore)
                .doesNotHaveDuplicates();
        List<JsonNode> log = crew.events(incident);
        List<String> upToNote = new ArrayList<>();
        for (JsonNode e : log) {
            upToNote.add(e.get("id").asString());
            if (note.equals(e.at("/data/note").asString(null))) {
                break;
            }
        }
        List<String> delivered = new ArrayList<>(ids(before.stream().filter(u -> ofIncident(u, incident)).toList()));
        delivered.addAll(ids(after.stream().filter(u -> ofIncident(u, incident)).toList()));
        assertThat(delivered).as("every event of the incident, once, in its order").containsExactlyElementsOf(upToNote);
        assertThat(after.stream().filter(u -> ofIncident(u, incident)).map(LiveFeed::kind))
                .contains("NOTIFICATION_SENT", "ESCALATED", "STEP_FIRED", "NOTE");
    }

    private static boolean ofIncident(JsonNode update, String incident) {
        return update.at("/event/incidentId").asString().equals(incident);
    }

    private static List<String> ids(List<JsonNode> updates) {
        return updates.stream().map(u -> u.at("/event/id").asString()).toList();
    }
}
