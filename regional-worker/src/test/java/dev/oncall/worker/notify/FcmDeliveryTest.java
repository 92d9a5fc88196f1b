package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckToken;
import dev.oncall.core.notify.AckTokenCodec;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Push through the real firebase-admin client, its HTTP transport pointed at a local FCM endpoint. */
@ExtendWith(WithInfrastructure.class)
class FcmDeliveryTest {
    private static final String SEND = "/v1/projects/test-project/messages:send";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StoreFixture store;
    private static FakeProvider fcm;
    private SenderHarness h;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        fcm = new FakeProvider(Answer.json(200, "{\"name\":\"projects/test-project/messages/0:1500415314455276%31bd1c9631bd1c96\"}"));
    }

    @AfterAll
    static void stop() {
        fcm.close();
        store.close();
    }

    @BeforeEach
    void harness() throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(null, fcm, null, null, 0), l -> l);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        fcm.clear();
    }

    @Test
    void aPushIsAHighPriorityDataMessageWithASignedAckToken() throws Exception {
        User u = h.fx.person("push");
        ContactMethod push = h.fx.method(u, ContactMethodType.PUSH, "device-token-1", 0);
        UUID incident = h.fx.incident("Disk full on db-1", T0);
        UUID intent = h.fx.intent(incident, push, T0);

        pass(h.sender("w1"));

        FakeProvider.Request request = fcm.requests(SEND).getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer fake-oauth-token");
        JsonNode sent = JSON.readTree(request.body());
        String token = sent.path("message").path("data").path("ack_token").asString();
        String messageId = h.fx.attempt(intent).get("message_id").toString();
        JsonNode expected = JSON.readTree("""
                {"message": {
                  "token": "device-token-1",
                  "data": {
                    "type": "oncall.page",
                    "message_id": "%s",
                    "incident_id": "%s",
                    "summary": "HIGH checkout: Disk full on db-1",
                    "urgency": "high",
                    "ack_token": "%s",
                    "incident_count": "1"
                  },
                  "android": {"priority": "high"},
                  "apns": {
                    "headers": {"apns-priority": "10", "apns-push-type": "alert"},
                    "payload": {"aps": {
                      "alert": {"title": "Oncall", "body": "HIGH checkout: Disk full on db-1"},
                      "category": "oncall-page",
                      "sound": "default",
                      "mutable-content": 1
                    }}
                  }
                }}""".formatted(messageId, incident, token));
        assertThat(sent).isEqualTo(expected);

        AckTokenCodec.Checked checked = new AckTokenCodec(SenderHarness.ACK_KEY).decode(token, T0);
        assertThat(checked.ok()).isTrue();
        AckToken decoded = checked.token();
        assertThat(decoded.incidentId()).isEqualTo(incident);
        assertThat(decoded.userId()).isEqualTo(u.id());
        assertThat(decoded.action()).isEqualTo(AckAction.ACKNOWLEDGE);
        assertThat(decoded.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(h.fx.attempt(intent)).containsEntry("state", "sent").containsEntry("provider", "fcm")
                .containsEntry("provider_message_id", "projects/test-project/messages/0:1500415314455276%31bd1c9631bd1c96");
    }

    @Test
    void anUnregisteredTokenDisablesTheMethodAndMovesOn() {
        fcm.then(Answer.json(404, """
                {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
                  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNREGISTERED"}]}}"""));
        User u = h.fx.person("stale-device");
        ContactMethod push = h.fx.method(u, ContactMethodType.PUSH, "stale-token", 0);
        ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550300", 1);
        UUID incident = h.fx.incident("stale", T0);
        UUID pushIntent = h.fx.intent(incident, push, T0);
        UUID smsIntent = h.fx.intent(incident, sms, T0.plus(Duration.ofMinutes(1)));

        pass(h.sender("w1"));

        assertThat(fcm.requests(SEND)).hasSize(1);
        assertThat(h.fx.state(pushIntent)).isEqualTo("failed");
        assertThat(h.store.contacts.findMethod(push.id()).orElseThrow().disabled()).isTrue();
        assertThat(h.fx.notBefore(smsIntent)).isEqualTo(T0);
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst()).contains("\"failure\":\"unregistered\"");
    }

    @Test
    void aBundledPushListsEachIncidentWithItsOwnToken() throws Exception {
        User u = h.fx.person("push-storm");
        ContactMethod push = h.fx.method(u, ContactMethodType.PUSH, "device-token-2", 0);
        UUID a = h.fx.incident("a down", T0);
        UUID b = h.fx.incident("b down", T0);
        h.fx.intent(a, push, T0);
        h.fx.intent(b, push, T0);

        pass(h.sender("w1"));

        JsonNode data = JSON.readTree(fcm.requests(SEND).getFirst().body()).path("message").path("data");
        assertThat(data.path("summary").asString()).isEqualTo("2 open incidents");
        assertThat(data.path("incident_count").asString()).isEqualTo("2");
        JsonNode listed = JSON.readTree(data.path("incidents").asString());
        assertThat(listed).hasSize(2);
        AckTokenCodec codec = new AckTokenCodec(SenderHarness.ACK_KEY);
        for (JsonNode entry : listed) {
            AckToken token = codec.decode(entry.path("ack_token").asString(), T0).token();
            assertThat(token.incidentId().toString()).isEqualTo(entry.path("incident_id").asString());
        }
    }
}
