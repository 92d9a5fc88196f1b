package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database or Redis going away between the provider's acceptance of a text and the commit
 * that records it (issue 15). The local Twilio stops PostgreSQL as it accepts the text, so the
 * sender's "sent" record cannot commit: an outage shorter than the claim TTL must cost no
 * duplicate, a longer one at most one, recorded as the second sender's.
 */
@ExtendWith(WithInfrastructure.class)
class StoreOutageDeliveryTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Messages.json";
    private static TestInfrastructure infra;
    private static StoreFixture store;
    private static FakeProvider twilio;
    private static ScheduledExecutorService later;
    private final AtomicInteger texts = new AtomicInteger();
    private final AtomicBoolean postgresDown = new AtomicBoolean();
    private SenderHarness h;

    @BeforeAll
    static void start(TestInfrastructure infrastructure) throws Exception {
        infra = infrastructure;
        store = new StoreFixture(infra);
        // A statement waits this long for a connection while the database is down, so the test
        // sees the sender's failed attempts rather than one attempt waiting out the outage.
        store.dataSource.setConnectionTimeout(500);
        twilio = new FakeProvider(Answer.json(201, "{\"sid\":\"SM-unused\"}"));
        later = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        later.shutdownNow();
        twilio.close();
        store.close();
    }

    @BeforeEach
    void harness() throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(twilio, null, null, null, 0), l -> l,
                infra.redisUrl(), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() throws Exception {
        // Whatever a test did, the next one finds both servers up.
        startPostgres();
        infra.startRedis();
        awaitDatabase();
        h.close();
        twilio.clear();
    }

    /** Answers every text with a new sid; the first one stops PostgreSQL before Twilio's 201 goes back. */
    private void stopPostgresOnTheFirstText() {
        twilio.answering(request -> {
            int n = texts.incrementAndGet();
            if (n == 1) {
                stopPostgres();
            }
            return Answer.json(201, "{\"sid\":\"SM-" + n + "\"}");
        });
    }

    /** One incident paging one person by text. */
    private record Paged(UUID incident, UUID intent) {}

    private synchronized void stopPostgres() {
        infra.stopPostgres();
        postgresDown.set(true);
    }

    private synchronized void startPostgres() {
        if (postgresDown.get()) {
            infra.startPostgres();
            postgresDown.set(false);
        }
    }

    /** {@code sender} claims what is due and sends it; Twilio accepts the text once PostgreSQL is stopped. */
    private Sender.Pass sendIntoTheOutage(Sender sender) {
        stopPostgresOnTheFirstText();
        Sender.Pass sending = sender.runOnce();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(postgresDown::get);
        return sending;
    }

    /** Until the pool has connections to the restarted server again (its stale ones fail first). */
    private static void awaitDatabase() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> store.jdbc.sql("SELECT 1").query(Integer.class).single() == 1);
    }

    private Paged pageOnce(String handle) {
        User u = h.fx.person(handle);
        UUID incident = h.fx.incident(handle, T0);
        return new Paged(incident, h.fx.intent(incident, h.fx.method(u, ContactMethodType.SMS, "+14155550300", 0), T0));
    }

    /** Runs {@code sender}'s passes until {@code until} holds; a pass failing for the outage is what a loop would log. */
    private static void passUntil(Sender sender, Duration atMost, java.util.function.BooleanSupplier until) {
        Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                pass(sender);
            } catch (RuntimeException databaseDown) {
                // the loop logs this and tries again at its next interval
            }
            return until.getAsBoolean();
        });
    }

    @Test
    void anOutageShorterThanTheClaimTtlCostsNoDuplicate() {
        Paged page = pageOnce("short-outage");
        Sender first = h.sender("first");
        Sender second = h.sender("second");

        Sender.Pass sending = sendIntoTheOutage(first);
        // Most of the claim goes by during the outage; what is left still covers the recording.
        h.clock.advance(h.properties.claimTtl().minusSeconds(10));
        later.schedule(this::startPostgres, 3, TimeUnit.SECONDS);
        passUntil(second, Duration.ofSeconds(60), () -> sending.done().isDone() && !postgresDown.get());
        awaitDatabase();
        pass(second);

        assertThat(twilio.requests(MESSAGES)).as("one text").hasSize(1);
        assertThat(h.fx.attempt(page.intent())).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-1")
                .containsEntry("claimed_by", "first");
        assertThat(h.fx.events(page.incident())).containsExactly("notification_sent sms");
        assertThat(h.count("oncall.notification.record.retries", "channel", "sms")).isPositive();
    }

    @Test
    void anOutageLongerThanTheClaimTtlCostsOneDuplicateRecordedAsTheSecondSenders() {
        Paged page = pageOnce("long-outage");
        Sender first = h.sender("first");
        Sender second = h.sender("second");

        Sender.Pass sending = sendIntoTheOutage(first);
        h.clock.advance(h.properties.claimTtl());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sending.done().isDone());
        startPostgres();
        awaitDatabase();
        pass(second);
        pass(first);
        pass(second);

        assertThat(twilio.requests(MESSAGES)).as("sent by the first sender, then once more by the second").hasSize(2);
        assertThat(h.fx.attempt(page.intent())).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-2")
                .containsEntry("claimed_by", "second");
        assertThat(h.fx.events(page.incident())).as("the first sender's text went unrecorded")
                .containsExactly("notification_sent sms");
        assertThat(h.count("oncall.notification.record.abandoned", "channel", "sms")).isEqualTo(1);
    }

    @Test
    void aSenderShuttingDownDuringTheOutageStillRecordsWhatItSent() {
        Paged page = pageOnce("shutdown");
        Sender leaving = h.sender("leaving");

        sendIntoTheOutage(leaving);
        later.schedule(this::startPostgres, 2, TimeUnit.SECONDS);
        leaving.close();

        assertThat(h.fx.attempt(page.intent())).containsEntry("state", "sent").containsEntry("provider_message_id", "SM-1");
        assertThat(leaving.runOnce().claimed()).as("a closed sender claims nothing").isZero();
    }

    @Test
    void aRedisOutageCostsNoDuplicate() {
        Paged page = pageOnce("redis-down");
        Sender sender = h.sender("only");
        infra.stopRedis();

        Sender.Pass sending = sender.runOnce();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sending.done().isDone());
        pass(sender);

        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        assertThat(h.fx.state(page.intent())).isEqualTo("sent");
    }
}
