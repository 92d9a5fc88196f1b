package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SMS and voice through a local Twilio-compatible server, as a person's phone would get them. */
@ExtendWith(WithInfrastructure.class)
class TwilioDeliveryTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Messages.json";
    private static final String CALLS = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Calls.json";
    private static StoreFixture store;
    private static FakeProvider twilio;
    private SenderHarness h;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        twilio = new FakeProvider(Answer.json(201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}"));
    }

    @AfterAll
    static void stop() {
        twilio.close();
        store.close();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        twilio.clear();
        twilio.always(Answer.json(201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}"));
    }

    private SenderHarness harness(UnaryOperator<Map<String, SenderProperties.Limit>> limits) throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(twilio, null, null, null, 0), limits);
        return h;
    }

    @Test
    void anSmsCarriesTheReplyCodeAndIsRecordedWithItsReceipt() throws Exception {
        harness(l -> l);
        User u = h.fx.person("sms");
        ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550100", 0);
        UUID incident = h.fx.incident("Disk full on db-1", T0);
        UUID intent = h.fx.intent(incident, sms, T0);

        assertThat(pass(h.sender("w1"))).isEqualTo(1);

        FakeProvider.Request request = twilio.requests(MESSAGES).getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (SenderHarness.TWILIO_SID + ":" + SenderHarness.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form()).containsOnlyKeys("To", "From", "Body", "StatusCallback");
        assertThat(request.field("To")).isEqualTo("+14155550100");
        assertThat(request.field("From")).isEqualTo("+15005550006");
        assertThat(request.field("Body"))
                .isEqualTo("[Oncall] HIGH checkout: Disk full on db-1 Reply 1A to ack, 1R to resolve.");
        assertThat(request.field("StatusCallback")).isEqualTo("https://oncall.example.com/webhooks/twilio/status");
        assertThat(h.fx.attempt(intent)).containsEntry("state", "sent").containsEntry("provider", "twilio")
                .containsEntry("provider_message_id", "SM0001").containsEntry("attempts", 1);
        assertThat(h.fx.events(incident)).containsExactly("notification_sent sms");
    }

    @Test
    void twoServerErrorsThenSuccessDeliverExactlyOnce() throws Exception {
        harness(l -> l);
        User u = h.fx.person("retry");
        UUID incident = h.fx.incident("flaky", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.SMS, "+14155550101", 0), T0);
        twilio.then(Answer.json(500, "{\"code\":20500,\"message\":\"Internal Server Error\"}"),
                Answer.json(500, "{\"code\":20500,\"message\":\"Internal Server Error\"}"),
                Answer.json(201, "{\"sid\":\"SM-third\"}"));

        pass(h.sender("w1"));
        pass(h.sender("w1"));

        assertThat(twilio.requests(MESSAGES)).hasSize(3);
        assertThat(h.fx.attempt(intent)).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-third")
                .containsEntry("attempts", 3);
        assertThat(h.fx.events(incident)).containsExactly("notification_sent sms");
        assertThat(h.count("oncall.notification.attempts", "channel", "sms", "outcome", "retry")).isEqualTo(2);
    }

    @Test
    void aProviderThatTimesOutHandsOverToTheNextMethodAtOnce() throws Exception {
        harness(l -> l);
        User u = h.fx.person("timeout");
        ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550102", 0);
        ContactMethod voice = h.fx.method(u, ContactMethodType.VOICE, "+14155550102", 1);
        UUID incident = h.fx.incident("CPU on fire", T0);
        UUID smsIntent = h.fx.intent(incident, sms, T0);
        UUID voiceIntent = h.fx.intent(incident, voice, T0.plus(Duration.ofMinutes(3)));
        twilio.then(Answer.hang());

        Sender sender = h.sender("w1");
        pass(sender);
        assertThat(h.fx.state(smsIntent)).isEqualTo("failed");
        assertThat(h.fx.notBefore(voiceIntent)).isEqualTo(T0);
        pass(sender);

        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        FakeProvider.Request call = twilio.requests(CALLS).getFirst();
        assertThat(call.field("To")).isEqualTo("+14155550102");
        UUID messageId = UUID.fromString((String) h.fx.attempt(voiceIntent).get("message_id").toString());
        assertThat(call.field("Twiml")).isEqualTo("<Response><Gather numDigits=\"1\" timeout=\"10\" method=\"POST\" "
                + "action=\"https://oncall.example.com/webhooks/twilio/voice?message=" + messageId + "\">"
                + "<Say>This is Oncall. High urgency incident on checkout. CPU on fire. Press 1 to acknowledge. "
                + "Press 2 to resolve.</Say></Gather><Say>No key was pressed. Goodbye.</Say></Response>");
        assertThat(h.fx.events(incident)).containsExactly("notification_failed sms", "notification_sent voice");
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst())
                .contains("\"failure\":\"timeout\"", "\"next_channel\":\"voice\"");
    }

    @Test
    void aStormForOnePersonBecomesOneBundledText() throws Exception {
        harness(l -> l);
        User u = h.fx.person("storm");
        ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550103", 0);
        for (int i = 1; i <= 5; i++) {
            h.fx.intent(h.fx.incident("node " + i + " down", T0), sms, T0);
        }

        pass(h.sender("w1"));

        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        assertThat(twilio.requests(MESSAGES).getFirst().field("Body")).startsWith("[Oncall] 5 incidents: 1) checkout: node ")
                .contains("; 2) checkout: node ", "; 5) checkout: node ", "node 1 down", "node 3 down", "node 5 down")
                .endsWith("Reply ACK ALL, or e.g. 1A to ack / 1R to resolve one.");
    }

    @Test
    void overTheRateLimitIntentsWaitAndGoOutTogether() throws Exception {
        harness(l -> {
            l.put("sms", new SenderProperties.Limit(1, Duration.ofMinutes(1)));
            return l;
        });
        User u = h.fx.person("limited");
        ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550104", 0);
        h.fx.intent(h.fx.incident("first", T0), sms, T0);
        Sender sender = h.sender("w1");
        pass(sender);

        h.clock.advance(Duration.ofSeconds(10));
        UUID second = h.fx.intent(h.fx.incident("second", T0), sms, h.clock.instant());
        UUID third = h.fx.intent(h.fx.incident("third", T0), sms, h.clock.instant());
        pass(sender);
        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        assertThat(h.fx.state(second)).isEqualTo("pending");
        assertThat(h.fx.notBefore(second)).isEqualTo(T0.plus(Duration.ofMinutes(1)));

        h.clock.set(T0.plus(Duration.ofMinutes(1)));
        pass(sender);
        assertThat(twilio.requests(MESSAGES)).hasSize(2);
        assertThat(twilio.requests(MESSAGES).get(1).field("Body")).startsWith("[Oncall] 2 incidents:")
                .contains("second", "third");
        assertThat(h.fx.attempt(second).get("message_id")).isEqualTo(h.fx.attempt(third).get("message_id"));
    }
}
