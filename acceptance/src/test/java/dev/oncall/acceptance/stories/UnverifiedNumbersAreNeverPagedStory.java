package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.FakeTwilio;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A number typed into someone's profile that nobody proved: a stranger's phone. An incident pages
 * the person on their verified phone and webhook, never on that number; the stranger texting
 * "ACK ALL" or an incident's code from it changes nothing, while the same text from the person's
 * verified phone acknowledges. The person then checks their set-up with a test notification, and
 * its delivery is on record; the unverified number gets no test either.
 */
@ExtendWith(InstallationExtension.class)
class UnverifiedNumbersAreNeverPagedStory {

    @Test
    void aNumberNobodyVerifiedIsNeverPagedAndATextFromItActsAsNobody(Installation system) {
        Crew crew = Crew.of(system, "Billing", List.of("nora", "otto"), "pia", List.of());
        Person onCall = crew.onCallNow().getFirst();
        String stranger = "+1666" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
        JsonNode typedIn = crew.admin.mutate("addContactMethod", "contactMethod { id verified }", Map.of(
                "userId", onCall.id(), "type", "SMS", "label", "not mine", "address", stranger, "priority", 0));
        assertThat(typedIn.at("/contactMethod/verified").asBoolean()).isFalse();
        String typedInId = typedIn.at("/contactMethod/id").asString();
        crew.admin.mutate("addNotificationRule", "notificationRule { id }", Map.of("userId", onCall.id(),
                "contactMethodId", typedInId, "delaySeconds", 0, "urgency", "HIGH"));

        HttpResponse<String> accepted = Http.postJson(system.url("/v2/enqueue"), """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "invoices",
                 "payload": {"summary": "Invoices stuck in queue", "source": "billing-1", "severity": "critical"}}"""
                .formatted(crew.eventsKey));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String incident = crew.incidentTitled("Invoices stuck in queue");

        // The person's own phone and pager get the page; the number nobody verified gets nothing.
        Poll.until("the page on " + onCall.handle() + "'s verified phone", () -> system.twilio().sentTo(onCall.phone())
                .stream().anyMatch(s -> s.body().contains("Invoices stuck")));
        Poll.until("the page on " + onCall.handle() + "'s verified webhook", () -> crew.webhookPages(onCall).stream()
                .anyMatch(p -> p.at("/incidents/0/id").asString().equals(incident)));
        assertThat(system.twilio().sentTo(stranger)).isEmpty();
        assertThat(crew.events(incident)).filteredOn(e -> e.get("kind").asString().equals("INTENT_CREATED"))
                .hasSize(2).noneMatch(e -> e.at("/data/contactMethod").asString().equals(typedInId));

        // The stranger answers anyway, as if they had seen the page: it acts as nobody.
        String smsWebhook = system.url("/webhooks/twilio/sms");
        assertThat(system.twilio().reply(smsWebhook, stranger, "ACK ALL") / 100).isEqualTo(2);
        assertThat(system.twilio().reply(smsWebhook, stranger, "1A") / 100).isEqualTo(2);
        assertThat(crew.incident(incident).get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(crew.events(incident)).noneMatch(e -> e.get("kind").asString().equals("ACKNOWLEDGED"));

        // The same answer from the person's verified phone acknowledges.
        assertThat(system.twilio().reply(smsWebhook, onCall.phone(), "ACK ALL") / 100).isEqualTo(2);
        Poll.until("the incident acknowledged", () -> crew.incident(incident).get("status").asString().equals("ACKNOWLEDGED"));
        JsonNode ack = crew.events(incident).stream().filter(e -> e.get("kind").asString().equals("ACKNOWLEDGED"))
                .findFirst().orElseThrow();
        assertThat(ack.get("channel").asString()).isEqualTo("SMS");

        // A test notification checks the set-up, on verified methods only, and its delivery is recorded.
        String phoneMethod = methodAt(crew, onCall, onCall.phone()).get("id").asString();
        JsonNode refused = crew.admin.tryMutate("sendTestNotification", "message { id }", Map.of("contactMethodId", typedInId));
        assertThat(refused.at("/userErrors/0/field").asString()).isEqualTo("input.contactMethodId");
        assertThat(refused.at("/userErrors/0/message").asString()).startsWith("is not verified yet");
        crew.admin.mutate("sendTestNotification", "message { id state }", Map.of("contactMethodId", phoneMethod));
        FakeTwilio.Sent test = Poll.value("the test text", () -> system.twilio().sentTo(onCall.phone()).stream()
                .filter(s -> s.body().contains("test notification")).findFirst());
        assertThat(system.twilio().report(test, "delivered") / 100).isEqualTo(2);
        Poll.until("the test recorded as delivered", () -> methodAt(crew, onCall, onCall.phone())
                .at("/recentMessages/0/state").asString().equals("DELIVERED"));
        assertThat(methodAt(crew, onCall, onCall.phone()).at("/recentMessages/0/kind").asString()).isEqualTo("TEST");
        assertThat(system.twilio().sentTo(stranger)).as("the stranger's phone never rang").isEmpty();
    }

    private static JsonNode methodAt(Crew crew, Person person, String address) {
        return crew.admin.data("""
                        query($id: ID!) { user(id: $id) { contactMethods { id address verified
                          recentMessages { kind state sentAt error } } } }""", Map.of("id", person.id()))
                .at("/user/contactMethods").valueStream().filter(m -> m.get("address").asString().equals(address))
                .findFirst().orElseThrow();
    }
}
