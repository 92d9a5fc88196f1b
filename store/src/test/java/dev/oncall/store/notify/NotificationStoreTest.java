package dev.oncall.store.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class NotificationStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static StoreFixture store;
    private static NotifyFixture fx;
    private static NotificationStore notifications;
    private static Receipts receipts;

    @BeforeAll
    static void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        fx = new NotifyFixture(store, "r-" + UUID.randomUUID());
        RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties("t", infra.redisUrl()).redis());
        IncidentEventLog events = new IncidentEventLog(new IncidentEventPublisher(redis));
        notifications = new NotificationStore(store.tx, events);
        receipts = new Receipts(store.tx, events);
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private String region() {
        return fx.region;
    }

    @Test
    void claimsOnlyDueIntentsOfItsRegionAndCancelsThoseOfClosedIncidents() {
        User u = fx.person("claim");
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550101", 0);
        UUID open = fx.incident("open", T0);
        UUID acked = fx.incident("acked", T0);
        UUID due = fx.intent(open, sms, T0);
        UUID later = fx.intent(open, sms, T0.plusSeconds(60), 1);
        UUID stale = fx.intent(acked, sms, T0);
        fx.setStatus(acked, "acknowledged");

        List<Intent> claimed = notifications.claim(region(), "w1", T0, Duration.ofSeconds(30), 100);
        assertThat(claimed).extracting(Intent::id).containsExactly(due);
        assertThat(fx.state(due)).isEqualTo("sending");
        assertThat(fx.state(later)).isEqualTo("pending");
        assertThat(fx.state(stale)).isEqualTo("cancelled");
        assertThat(notifications.claim("other-region", "w2", T0.plusSeconds(60), Duration.ofSeconds(30), 100)).isEmpty();
        notifications.markSent(claimed, "w1", "twilio", "SM1", UUID.randomUUID(), 1, T0);
    }

    @Test
    void anExpiredClaimIsTakenOverAndTheFirstSenderLearnsItLostIt() {
        User u = fx.person("expiry");
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550102", 0);
        UUID incident = fx.incident("expiry", T0);
        UUID intent = fx.intent(incident, sms, T0);
        List<Intent> first = claimMine(intent, "dead", T0);
        assertThat(claimMine(intent, "w2", T0.plusSeconds(29))).isEmpty();

        List<Intent> second = claimMine(intent, "w2", T0.plusSeconds(30));
        assertThat(second).hasSize(1);
        assertThat(notifications.markSent(second, "w2", "twilio", "SM2", UUID.randomUUID(), 1, T0.plusSeconds(31)))
                .containsExactly(intent);
        assertThat(notifications.markSent(first, "dead", "twilio", "SM1", UUID.randomUUID(), 1, T0.plusSeconds(32)))
                .isEmpty();
        assertThat(fx.attempt(intent)).containsEntry("provider_message_id", "SM2").containsEntry("state", "sent");
        assertThat(fx.eventData(incident, "notification_sent")).hasSize(2).last().asString().contains("\"claim_lost\":true");
    }

    @Test
    void aFailureMakesThePersonsNextMethodDueAtOnce() {
        User u = fx.person("failover");
        ContactMethod push = fx.method(u, ContactMethodType.PUSH, "device-token", 0);
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550103", 1);
        ContactMethod voice = fx.method(u, ContactMethodType.VOICE, "+14155550103", 2);
        UUID incident = fx.incident("failover", T0);
        UUID pushIntent = fx.intent(incident, push, T0);
        UUID smsIntent = fx.intent(incident, sms, T0.plusSeconds(60));
        UUID voiceIntent = fx.intent(incident, voice, T0.plusSeconds(180));

        List<Intent> claimed = claimMine(pushIntent, "w", T0);
        notifications.markFailed(claimed, "w", "fcm", Failure.PERMANENT, "invalid token", 1, T0.plusSeconds(2));

        assertThat(fx.state(pushIntent)).isEqualTo("failed");
        assertThat(fx.notBefore(smsIntent)).isEqualTo(T0.plusSeconds(2));
        assertThat(fx.notBefore(voiceIntent)).isEqualTo(T0.plusSeconds(180));
        assertThat(fx.events(incident)).containsExactly("notification_failed push");
        assertThat(fx.eventData(incident, "notification_failed").getFirst())
                .contains("\"failure\":\"permanent\"", "\"next_channel\":\"sms\"");
    }

    @Test
    void receiptsAreRecordedOnceAndAnUndeliveredMessageMovesOn() {
        User u = fx.person("receipt");
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550104", 0);
        ContactMethod voice = fx.method(u, ContactMethodType.VOICE, "+14155550104", 1);
        UUID delivered = fx.incident("delivered", T0);
        UUID undelivered = fx.incident("undelivered", T0);
        UUID a = fx.intent(delivered, sms, T0);
        UUID b = fx.intent(undelivered, sms, T0);
        UUID next = fx.intent(undelivered, voice, T0.plusSeconds(120));
        notifications.markSent(claimMine(a, "w", T0), "w", "twilio", "SM-a", UUID.randomUUID(), 1, T0);
        notifications.markSent(claimMine(b, "w", T0), "w", "twilio", "SM-b", UUID.randomUUID(), 1, T0);

        assertThat(receipts.record("twilio", "SM-a", "sent", Receipts.Outcome.IN_PROGRESS, T0.plusSeconds(1))).isEqualTo(1);
        assertThat(receipts.record("twilio", "SM-a", "delivered", Receipts.Outcome.DELIVERED, T0.plusSeconds(2))).isEqualTo(1);
        assertThat(receipts.record("twilio", "SM-a", "delivered", Receipts.Outcome.DELIVERED, T0.plusSeconds(3))).isZero();
        receipts.record("twilio", "SM-b", "undelivered", Receipts.Outcome.FAILED, T0.plusSeconds(4));

        assertThat(fx.state(a)).isEqualTo("delivered");
        assertThat(fx.events(delivered)).containsExactly("notification_sent sms", "notification_delivered sms");
        assertThat(fx.state(b)).isEqualTo("failed");
        assertThat(fx.notBefore(next)).isEqualTo(T0.plusSeconds(4));
        assertThat(fx.eventData(undelivered, "notification_failed").getFirst()).contains("\"provider_status\":\"undelivered\"");
    }

    @Test
    void countsDistinctMessagesForRateLimits() {
        User u = fx.person("rate");
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550105", 0);
        UUID message = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            UUID intent = fx.intent(fx.incident("rate " + i, T0), sms, T0);
            notifications.markSent(claimMine(intent, "w", T0), "w", "twilio", "SM-bundle", message, 1,
                    T0.plusSeconds(10));
        }
        UUID lone = fx.intent(fx.incident("rate lone", T0), sms, T0);
        notifications.markSent(claimMine(lone, "w", T0), "w", "twilio", "SM-lone", UUID.randomUUID(), 1,
                T0.plusSeconds(20));

        NotificationStore.RateWindow window = notifications.sentSince(u.id(), ContactMethodType.SMS, T0);
        assertThat(window.messages()).isEqualTo(2);
        assertThat(window.oldest()).contains(T0.plusSeconds(10));
        assertThat(notifications.sentSince(u.id(), ContactMethodType.SMS, T0.plusSeconds(15)).messages()).isEqualTo(1);
    }

    @Test
    void recordingAgainAfterAnUnheardCommitChangesNothing() {
        User u = fx.person("again");
        UUID incident = fx.incident("again", T0);
        UUID intent = fx.intent(incident, fx.method(u, ContactMethodType.SMS, "+14155550104", 0), T0);
        List<Intent> claimed = claimMine(intent, "w", T0);
        UUID message = UUID.randomUUID();

        // The database went away after the commit and before the sender heard of it: the sender records again.
        assertThat(notifications.markSent(claimed, "w", "twilio", "SM-once", message, 1, T0)).containsExactly(intent);
        assertThat(notifications.markSent(claimed, "w", "twilio", "SM-once", message, 1, T0)).containsExactly(intent);

        assertThat(fx.attempt(intent)).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-once")
                .containsEntry("attempts", 1);
        assertThat(fx.events(incident)).containsExactly("notification_sent sms");
    }

    @Test
    void aRecordingHeldUpPastItsClaimNeverLandsOnALaterClaimEvenTheSameSenders() {
        User u = fx.person("late");
        UUID incident = fx.incident("late", T0);
        UUID intent = fx.intent(incident, fx.method(u, ContactMethodType.SMS, "+14155550105", 0), T0);
        List<Intent> first = claimMine(intent, "w", T0);
        // The database was away past the claim; when it is back the same sender claims the intent again.
        List<Intent> again = claimMine(intent, "w", T0.plusSeconds(31));
        assertThat(again).hasSize(1);

        assertThat(notifications.markSent(first, "w", "twilio", "SM-late", UUID.randomUUID(), 1, T0.plusSeconds(32)))
                .as("the first claim's recording").isEmpty();
        assertThat(fx.attempt(intent)).containsEntry("state", "sending").containsEntry("provider_message_id", null);
        notifications.markFailed(first, "w", "twilio", Failure.RETRIES_EXHAUSTED, "late", 1, T0.plusSeconds(33));
        assertThat(fx.state(intent)).isEqualTo("sending");

        assertThat(notifications.markSent(again, "w", "twilio", "SM-again", UUID.randomUUID(), 1, T0.plusSeconds(34)))
                .containsExactly(intent);
        assertThat(fx.attempt(intent)).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-again");
    }

    /** Claims in a private region so tests sharing the database never take each other's intents. */
    private List<Intent> claimMine(UUID intent, String worker, Instant now) {
        String mine = "only-" + intent;
        store.jdbc.sql("UPDATE notification_attempts SET region = :r WHERE id = :id").param("r", mine).param("id", intent)
                .update();
        return notifications.claim(mine, worker, now, Duration.ofSeconds(30), 10);
    }
}
