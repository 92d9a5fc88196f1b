package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.FakeTwilio;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.LiveFeed;
import dev.oncall.acceptance.system.Poll;
import dev.oncall.acceptance.system.WebhookReceiver;
import dev.oncall.core.notify.WebhookSignature;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A monitoring tool reports a full disk. The person on call is paged on their phone and their
 * pager webhook, the phone network reports the text delivered, they acknowledge with the link
 * in the page, and the tool resolves the alert with its dedup key. The team's dashboard follows
 * all of it live, and the incident's log tells the same story in the same order.
 */
@ExtendWith(InstallationExtension.class)
class AlertToResolutionStory {

    @Test
    void anAlertPagesTheOnCallPersonWhoAcknowledgesFromThePageAndTheToolResolvesIt(Installation system) {
        Crew crew = Crew.of(system, "Storage", List.of("alice", "bob"), "carol", List.of("olga"));
        Person onCall = crew.onCallNow().getFirst();
        Person offCall = crew.people.values().stream()
                .filter(p -> p.role().equals("RESPONDER") && !p.equals(onCall)).findFirst().orElseThrow();
        try (LiveFeed dashboard = LiveFeed.open(LiveFeed.Transport.WEBSOCKET, system, system.adminToken(), crew.teamId,
                Optional.empty())) {
            crew.awaitLive(dashboard);

            HttpResponse<String> accepted = Http.postJson(system.url("/v2/enqueue"), """
                    {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk/db-1",
                     "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical"}}"""
                    .formatted(crew.eventsKey));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String incident = crew.incidentTitled("Disk full on db-1");

            // The phone rings (a text) and the pager webhook fires, for the person on call only.
            FakeTwilio.Sent text = Poll.value("a text to " + onCall.handle(), () -> system.twilio().sentTo(onCall.phone())
                    .stream().filter(s -> s.body().contains("Disk full on db-1")).findFirst());
            JsonNode page = Poll.value("a webhook page to " + onCall.handle(), () -> crew.webhookPages(onCall).stream()
                    .filter(p -> p.at("/incidents/0/id").asString().equals(incident)).findFirst());
            assertThat(system.twilio().sentTo(offCall.phone())).noneMatch(s -> s.body().contains("Disk full"));
            assertThat(page.at("/user_id").asString()).isEqualTo(onCall.id());
            // Signed with the team's own secret, which its receiver checks the page with.
            WebhookReceiver.Signed signed = system.webhooks().signed(onCall.webhookPath()).stream()
                    .filter(r -> r.body().contains(incident)).findFirst().orElseThrow();
            assertThat(WebhookSignature.valid(crew.webhookSecret, signed.timestamp(), signed.body(), signed.signature(),
                    Instant.ofEpochSecond(Long.parseLong(signed.timestamp())), Duration.ofMinutes(5)))
                    .as(signed.signature()).isTrue();

            // The phone network reports the text delivered.
            assertThat(system.twilio().report(text, "delivered") / 100).as("2xx").isEqualTo(2);
            Poll.until("the delivery on the incident's log", () -> kinds(crew.events(incident)).contains("NOTIFICATION_DELIVERED"));

            // The link in the page: opening it changes nothing, its button acknowledges.
            String link = page.at("/incidents/0/acknowledge_url").asString();
            assertThat(link).startsWith(system.url("/ack/link"));
            HttpResponse<String> preview = Http.get(link);
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(crew.incident(incident).get("status").asString()).isEqualTo("TRIGGERED");
            String token = link.substring(link.indexOf("token=") + "token=".length()).split("&")[0];
            HttpResponse<String> acknowledged = Http.postForm(system.url("/ack/link"),
                    "via=webhook&token=" + token);
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            assertThat(crew.incident(incident).get("status").asString()).isEqualTo("ACKNOWLEDGED");

            // The monitoring tool resolves with the dedup key it triggered with.
            HttpResponse<String> resolved = Http.postJson(system.url("/v2/enqueue"), """
                    {"routing_key": "%s", "event_action": "resolve", "dedup_key": "disk/db-1"}""".formatted(crew.eventsKey));
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
            Poll.until("the incident resolved", () -> crew.incident(incident).get("status").asString().equals("RESOLVED"));

            List<JsonNode> log = crew.events(incident);
            assertThat(log).extracting(e -> e.get("seq").asInt())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, log.size()).boxed().toList());
            List<String> kinds = kinds(log);
            assertThat(kinds.getFirst()).isEqualTo("TRIGGERED");
            assertThat(kinds.subList(kinds.size() - 2, kinds.size())).containsExactly("ACKNOWLEDGED", "RESOLVED");
            assertThat(kinds).containsSubsequence("TRIGGERED", "STEP_FIRED", "INTENT_CREATED", "NOTIFICATION_SENT",
                    "NOTIFICATION_DELIVERED", "ACKNOWLEDGED", "RESOLVED");
            assertThat(kinds.stream().filter("NOTIFICATION_SENT"::equals)).as("text and webhook").hasSize(2);
            JsonNode stepFired = log.get(kinds.indexOf("STEP_FIRED"));
            assertThat(stepFired.at("/data/users").valueStream().map(JsonNode::asString)).containsExactly(onCall.id());
            JsonNode ack = log.get(kinds.indexOf("ACKNOWLEDGED"));
            assertThat(ack.get("channel").asString()).isEqualTo("WEBHOOK");
            assertThat(kinds.subList(kinds.indexOf("ACKNOWLEDGED"), kinds.size()))
                    .as("nothing escalated or paged after the acknowledgement").doesNotContain("STEP_FIRED", "INTENT_CREATED");
            Person manager = crew.people.values().stream().filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow();
            assertThat(system.twilio().sentTo(manager.phone())).noneMatch(s -> s.body().contains("Disk full on db-1"));

            // The dashboard saw exactly that log, in that order.
            List<JsonNode> live = dashboard.until("the resolution", u -> u.at("/event/incidentId").asString().equals(incident)
                    && LiveFeed.kind(u).equals("RESOLVED"));
            List<JsonNode> ofIncident = live.stream().filter(u -> u.at("/event/incidentId").asString().equals(incident))
                    .map(u -> u.get("event")).toList();
            assertThat(ofIncident).extracting(e -> e.get("id").asString())
                    .containsExactlyElementsOf(log.stream().map(e -> e.get("id").asString()).toList());
        }
    }

    static List<String> kinds(List<JsonNode> events) {
        return events.stream().map(e -> e.get("kind").asString()).toList();
    }
}
