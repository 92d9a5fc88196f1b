package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.notify.WebhookChallenge;
import dev.oncall.core.notify.WebhookSignature;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.verification.VerificationCode;
import dev.oncall.store.notify.ContactMessage;
import dev.oncall.store.notify.IncidentEventLog;
import dev.oncall.store.notify.Receipts;
import dev.oncall.store.notify.Verifications;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verification codes and test notifications through the real provider clients: codes by SMS and
 * by phone call through the Twilio client against a local Twilio-compatible server, a webhook's
 * signed challenge against a local receiver, and what is recorded of each.
 */
@ExtendWith(WithInfrastructure.class)
class ContactMessageDeliveryTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Messages.json";
    private static final String CALLS = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Calls.json";
    private static final Pattern SMS_CODE = Pattern.compile("\\[Oncall\\] Your verification code is ([0-9]{6})\\. "
            + "It expires in 10 minutes\\. If you did not ask for it, ignore this message\\.");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong numbers = new AtomicLong(4155557000L);
    private static StoreFixture store;
    private static FakeProvider twilio;
    private static FakeProvider receiver;
    private SenderHarness h;
    private Verifications verifications;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        twilio = new FakeProvider(Answer.json(201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}"));
        receiver = new FakeProvider(Answer.json(200, "{}"));
    }

    @AfterAll
    static void stop() {
        twilio.close();
        receiver.close();
        store.close();
    }

    @BeforeEach
    void harness() throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(twilio, null, null, null, 0), l -> l);
        verifications = new Verifications(store.tx);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        twilio.clear();
        receiver.clear();
        twilio.always(Answer.json(201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}"));
        receiver.always(Answer.json(200, "{}"));
    }

    private static String number() {
        return "+1" + numbers.incrementAndGet();
    }

    private Map<String, Object> record(UUID message) {
        return store.jdbc.sql("SELECT * FROM contact_messages WHERE id = :id").param("id", message).query().singleRow();
    }

    @Test
    void anSmsCodeGoesOutThroughTwilioAndTypingItBackVerifiesTheNumber() {
        String phone = number();
        ContactMethod sms = h.fx.unverifiedMethod(h.fx.person("sms"), ContactMethodType.SMS, phone, 0);
        ContactMessage asked = h.messages.request(ContactMessageKind.VERIFICATION, sms.id(), T0);

        assertThat(pass(h.contactSender("w1"))).isEqualTo(1);

        FakeProvider.Request text = twilio.requests(MESSAGES).getFirst();
        assertThat(text.field("To")).isEqualTo(phone);
        assertThat(text.field("From")).isEqualTo("+15005550006");
        Matcher body = SMS_CODE.matcher(text.field("Body"));
        assertThat(body.matches()).as(text.field("Body")).isTrue();
        assertThat(record(asked.id())).containsEntry("state", "sent").containsEntry("provider", "twilio")
                .containsEntry("provider_message_id", "SM0001").containsEntry("attempts", 1);
        assertThat((String) record(asked.id()).get("code_hash")).doesNotContain(body.group(1));
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().verified()).as("sending proves nothing").isFalse();

        assertThat(verifications.verify(sms.id(), body.group(1), T0.plusSeconds(40)))
                .isInstanceOf(Verifications.Check.Verified.class);
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().pageable()).isTrue();
    }

    @Test
    void aVoiceCodeIsSpokenDigitByDigitTwice() {
        ContactMethod voice = h.fx.unverifiedMethod(h.fx.person("voice"), ContactMethodType.VOICE, number(), 0);
        h.messages.request(ContactMessageKind.VERIFICATION, voice.id(), T0);

        pass(h.contactSender("w1"));

        String twiml = twilio.requests(CALLS).getFirst().field("Twiml");
        Matcher said = Pattern.compile("<Response><Say>This is Oncall\\. Your verification code is "
                + "((?:[0-9], ){5}[0-9])\\. Again: \\1\\.</Say></Response>").matcher(twiml);
        assertThat(said.matches()).as(twiml).isTrue();
        String code = said.group(1).replace(", ", "");
        assertThat(verifications.verify(voice.id(), code, T0.plusSeconds(60)))
                .isInstanceOf(Verifications.Check.Verified.class);
    }

    @Test
    void aWebhookThatEchoesTheSignedChallengeIsVerifiedAtOnce() {
        receiver.answering(request -> {
            boolean signed = WebhookSignature.valid(SenderHarness.WEBHOOK_SECRET,
                    request.header(WebhookSignature.TIMESTAMP_HEADER), request.body(),
                    request.header(WebhookSignature.SIGNATURE_HEADER), h.clock.instant(), Duration.ofMinutes(5));
            JsonNode body = JSON.readTree(request.body());
            return signed && body.path("type").asString().equals(WebhookChallenge.TYPE)
                    ? Answer.json(200, "{\"challenge\": \"" + body.path("challenge").asString() + "\"}")
                    : Answer.json(400, "{}");
        });
        ContactMethod hook = h.fx.unverifiedMethod(h.fx.person("hook"), ContactMethodType.WEBHOOK,
                receiver.url() + "/pager", 0);
        ContactMessage asked = h.messages.request(ContactMessageKind.VERIFICATION, hook.id(), T0);

        pass(h.contactSender("w1"));

        FakeProvider.Request challenge = receiver.requests("/pager").getFirst();
        JsonNode body = JSON.readTree(challenge.body());
        assertThat(body.propertyNames()).containsExactly("type", "message_id", "user_id", "contact_method_id", "challenge");
        assertThat(body.path("message_id").asString()).isEqualTo(asked.id().toString());
        assertThat(body.path("contact_method_id").asString()).isEqualTo(hook.id().toString());
        assertThat(body.path("user_id").asString()).isEqualTo(hook.userId().toString());
        assertThat(body.path("challenge").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(challenge.header(WebhookSignature.IDEMPOTENCY_HEADER)).isEqualTo("verification:" + asked.id());
        assertThat(store.contacts.findMethod(hook.id()).orElseThrow().pageable()).isTrue();
        assertThat(record(asked.id())).containsEntry("state", "sent").containsEntry("provider", "webhook");
        assertThat(record(asked.id()).get("used_at")).isNotNull();
    }

    @Test
    void aWebhookThatAcceptsWithoutEchoingStaysUnverified() {
        receiver.always(Answer.json(200, "{\"ok\": true}"));
        ContactMethod hook = h.fx.unverifiedMethod(h.fx.person("deaf"), ContactMethodType.WEBHOOK,
                receiver.url() + "/deaf", 0);
        ContactMessage asked = h.messages.request(ContactMessageKind.VERIFICATION, hook.id(), T0);

        pass(h.contactSender("w1"));

        assertThat(receiver.requests("/deaf")).hasSize(1);
        assertThat(store.contacts.findMethod(hook.id()).orElseThrow().verified()).isFalse();
        assertThat(record(asked.id())).containsEntry("state", "failed");
        assertThat((String) record(asked.id()).get("last_error")).contains("without echoing the challenge");
    }

    @Test
    void aTestNotificationIsSentToAVerifiedNumberAndItsDeliveryRecorded() {
        String phone = number();
        ContactMethod sms = h.fx.method(h.fx.person("tester"), ContactMethodType.SMS, phone, 0);
        twilio.then(Answer.json(201, "{\"sid\":\"SM-test-notification\"}"));
        ContactMessage asked = h.messages.request(ContactMessageKind.TEST, sms.id(), T0);

        pass(h.contactSender("w1"));

        FakeProvider.Request text = twilio.requests(MESSAGES).getFirst();
        assertThat(text.field("To")).isEqualTo(phone);
        assertThat(text.field("Body"))
                .isEqualTo("[Oncall] This is a test notification from Oncall. Pages will reach you here.");
        assertThat(text.field("StatusCallback")).isEqualTo("https://oncall.example.com/webhooks/twilio/status");
        assertThat(record(asked.id())).containsEntry("state", "sent")
                .containsEntry("provider_message_id", "SM-test-notification");

        try (RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties("t", "").redis())) {
            new Receipts(store.tx, new IncidentEventLog(new IncidentEventPublisher(redis)))
                    .record("twilio", "SM-test-notification", "delivered", Receipts.Outcome.DELIVERED, T0.plusSeconds(3));
        }
        assertThat(h.messages.find(asked.id()).orElseThrow().state()).isEqualTo(ContactMessage.State.DELIVERED);
    }

    @Test
    void aCodeAskedForAnAddressTheMethodNoLongerHasIsNotSent() {
        ContactMethod sms = h.fx.unverifiedMethod(h.fx.person("mover"), ContactMethodType.SMS, number(), 0);
        ContactMessage asked = h.messages.request(ContactMessageKind.VERIFICATION, sms.id(), T0);
        store.contacts.updateMethod(sms.id(), sms.label(), number(), 0);

        pass(h.contactSender("w1"));

        assertThat(twilio.requests()).isEmpty();
        assertThat(record(asked.id())).containsEntry("state", "cancelled").containsEntry("last_error", "the address changed");
    }

    @Test
    void aCodeIsNeverWrittenToTheLog() {
        long seed = 20260302L;
        String code = VerificationCode.newCode(new Random(seed));
        ContactMethod sms = h.fx.unverifiedMethod(h.fx.person("logged"), ContactMethodType.SMS, number(), 0);
        h.messages.request(ContactMessageKind.VERIFICATION, sms.id(), T0);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try (ChannelRegistry logOnly = new ChannelRegistry(List.of(new LogChannel(ContactMethodType.SMS)))) {
            pass(h.contactSender("w1", logOnly, new Random(seed)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            root.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("a verification code (never logged)"))
                .noneSatisfy(line -> assertThat(line).contains(code));
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().verified()).isFalse();
    }
}
