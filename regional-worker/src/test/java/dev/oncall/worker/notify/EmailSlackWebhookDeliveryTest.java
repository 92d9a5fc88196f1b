package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckTokenCodec;
import dev.oncall.core.notify.WebhookSignature;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Email to an in-process SMTP server (GreenMail), Slack and webhooks to local receivers. */
@ExtendWith(WithInfrastructure.class)
class EmailSlackWebhookDeliveryTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LINK = Pattern.compile("(Acknowledge|Resolve): (https://oncall\\.example\\.com/ack/link\\?via=email&token=\\S+)");
    private static StoreFixture store;
    private static FakeProvider slack;
    private static FakeProvider receiver;
    private SenderHarness h;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        slack = new FakeProvider(Answer.json(200, "{\"ok\":true,\"channel\":\"D024BE91L\",\"ts\":\"1503435956.000247\"}"));
        receiver = new FakeProvider(Answer.json(202, "{}"));
    }

    @AfterAll
    static void stop() {
        slack.close();
        receiver.close();
        store.close();
    }

    @BeforeEach
    void harness() throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(null, null, slack, "127.0.0.1",
                smtp.getSmtp().getPort()), l -> l);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        slack.clear();
        receiver.clear();
    }

    @Test
    void anEmailLinksToConfirmationPagesWithSignedTokens() throws Exception {
        User u = h.fx.person("mail");
        ContactMethod email = h.fx.method(u, ContactMethodType.EMAIL, "alice@example.com", 0);
        UUID incident = h.fx.incident("Checkout 5xx above 2%", T0);
        UUID intent = h.fx.intent(incident, email, T0);

        pass(h.sender("w1"));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[Oncall] HIGH checkout: Checkout 5xx above 2%");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Oncall <oncall@example.com>");
        assertThat(mail.getMessageID()).isEqualTo(h.fx.attempt(intent).get("provider_message_id"));
        String body = GreenMailUtil.getBody(mail);
        AckTokenCodec codec = new AckTokenCodec(SenderHarness.ACK_KEY);
        Matcher m = LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        int links = 0;
        while (m.find()) {
            String token = URLDecoder.decode(m.group(2).substring(m.group(2).indexOf("token=") + 6), StandardCharsets.UTF_8);
            AckAction expected = m.group(1).equals("Acknowledge") ? AckAction.ACKNOWLEDGE : AckAction.RESOLVE;
            assertThat(codec.decode(token, T0).token().action()).isEqualTo(expected);
            assertThat(codec.decode(token, T0).token().incidentId()).isEqualTo(incident);
            links++;
        }
        assertThat(links).as("acknowledge and resolve links in the text part").isEqualTo(2);
        assertThat(h.fx.events(incident)).containsExactly("notification_sent email");
    }

    @Test
    void aSlackMessageHasAcknowledgeAndResolveButtons() throws Exception {
        User u = h.fx.person("slack");
        ContactMethod dm = h.fx.method(u, ContactMethodType.SLACK, "U024BE7LH", 0);
        UUID incident = h.fx.incident("Queue backlog", T0);
        UUID intent = h.fx.intent(incident, dm, T0);

        pass(h.sender("w1"));

        FakeProvider.Request request = slack.requests("/api/chat.postMessage").getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer xoxb-test");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("channel").asString()).isEqualTo("U024BE7LH");
        assertThat(body.path("text").asString()).isEqualTo("[Oncall] HIGH checkout: Queue backlog");
        JsonNode actions = body.path("blocks").get(2);
        assertThat(actions.path("type").asString()).isEqualTo("actions");
        assertThat(actions.path("elements").get(0).path("action_id").asString()).isEqualTo(SlackChannel.ACK_ACTION);
        assertThat(actions.path("elements").get(1).path("action_id").asString()).isEqualTo(SlackChannel.RESOLVE_ACTION);
        AckTokenCodec codec = new AckTokenCodec(SenderHarness.ACK_KEY);
        assertThat(codec.decode(actions.path("elements").get(0).path("value").asString(), T0).token().action())
                .isEqualTo(AckAction.ACKNOWLEDGE);
        assertThat(h.fx.attempt(intent)).containsEntry("provider_message_id", "D024BE91L/1503435956.000247");
    }

    @Test
    void slackRefusingTheChannelMovesOnWithoutRetrying() {
        slack.then(Answer.json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        User u = h.fx.person("slack-gone");
        UUID incident = h.fx.incident("gone", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.SLACK, "U0GONE", 0), T0);

        pass(h.sender("w1"));

        assertThat(slack.requests("/api/chat.postMessage")).hasSize(1);
        assertThat(h.fx.state(intent)).isEqualTo("failed");
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst()).contains("channel_not_found");
    }

    @Test
    void aWebhookIsSignedAndCarriesTheIdempotencyKey() throws Exception {
        User u = h.fx.person("hook");
        ContactMethod hook = h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/pager", 0);
        UUID incident = h.fx.incident("Latency", T0);
        UUID intent = h.fx.intent(incident, hook, T0);

        pass(h.sender("w1"));

        FakeProvider.Request request = receiver.requests("/pager").getFirst();
        assertThat(WebhookSignature.valid(SenderHarness.WEBHOOK_SECRET, request.header(WebhookSignature.TIMESTAMP_HEADER),
                request.body(), request.header(WebhookSignature.SIGNATURE_HEADER), T0, Duration.ofMinutes(5))).isTrue();
        assertThat(request.header(WebhookSignature.TIMESTAMP_HEADER)).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(request.header(WebhookSignature.IDEMPOTENCY_HEADER))
                .isEqualTo(h.fx.attempt(intent).get("idempotency_key"));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asString()).isEqualTo("oncall.page");
        assertThat(body.path("incidents").get(0).path("id").asString()).isEqualTo(incident.toString());
        assertThat(body.path("incidents").get(0).path("acknowledge_url").asString())
                .startsWith("https://oncall.example.com/ack/link?via=webhook&token=");
    }

    @Test
    void aGoneWebhookDisablesTheMethod() {
        receiver.then(Answer.json(410, "{}"));
        User u = h.fx.person("hook-gone");
        ContactMethod hook = h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/gone", 0);
        UUID intent = h.fx.intent(h.fx.incident("gone", T0), hook, T0);

        pass(h.sender("w1"));

        assertThat(h.fx.state(intent)).isEqualTo("failed");
        assertThat(h.store.contacts.findMethod(hook.id()).orElseThrow().disabled()).isTrue();
    }
}
