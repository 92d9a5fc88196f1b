package dev.oncall.worker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.oncall.core.incident.Channel;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.notify.Acknowledgements;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.worker.escalation.EscalationDriver;
import dev.oncall.worker.escalation.TimerDispatcher;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole story in one worker: an alert arrives, the escalation engine pages the on-call
 * person, the push goes out through firebase-admin to a local FCM endpoint, the person
 * acknowledges with the token the push carried, and escalation stops, each step in the
 * incident's event trail. The engine and the sender are driven pass by pass with a moved clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AlertToAcknowledgementTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String DB = TestInfrastructure.get().newDatabaseUrl();
    private static final FakeProvider FCM = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FakeProvider start() {
        try {
            return new FakeProvider(Answer.json(200, "{\"name\":\"projects/e2e/messages/1\"}"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        registry.add("spring.datasource.url", () -> DB);
        registry.add("spring.datasource.username", infra::username);
        registry.add("oncall.redis.url", infra::redisUrl);
        registry.add("oncall.region", () -> "e2e");
        registry.add("oncall.escalation.enabled", () -> "false");
        registry.add("oncall.notify.sender.enabled", () -> "false");
        registry.add("oncall.ack.signing-key", () -> "end-to-end-test-ack-signing-key-0123456789");
        registry.add("oncall.notify.channels.push", () -> "provider");
        registry.add("oncall.notify.channels.sms", () -> "log");
        registry.add("oncall.notify.fcm.enabled", () -> "true");
        registry.add("oncall.notify.fcm.project-id", () -> "e2e");
        registry.add("oncall.notify.fcm.base-url", FCM::url);
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        MutableClock clock() {
            return new MutableClock(T0);
        }

        @Bean
        FcmApps.Credentials fcmCredentials() {
            return () -> GoogleCredentials.create(new AccessToken("e2e-oauth-token", new Date(4102444800000L)));
        }
    }

    @Autowired
    MutableClock clock;
    @Autowired
    IncidentCommands commands;
    @Autowired
    TimerDispatcher escalation;
    @Autowired
    Sender sender;
    @Autowired
    Acknowledgements acknowledgements;

    @AfterAll
    static void stop() {
        FCM.close();
    }

    @Test
    void alertInPushOutAcknowledgedByThePushTokenAndEscalationStops() throws Exception {
        try (StoreFixture store = new StoreFixture(TestInfrastructure.get(), DB)) {
            IncidentScenario team = new IncidentScenario(IncidentScenario.Repositories.of(store), 0,
                    Duration.ofMinutes(5), java.util.Optional.empty());
            UUID onCall = team.users.getFirst();
            String device = team.methods.getFirst().address();

            UUID incident = commands.trigger(team.service, AlertEvent.trigger("disk-db-1", "Disk full on db-1",
                    "db-1", "critical", "{}"), Actor.integration(team.eventsKey.id().toString()), Channel.EVENTS_V2)
                    .incidentId().orElseThrow();
            EscalationDriver.runOnce(escalation);
            SenderHarness.pass(sender);

            assertThat(FCM.requests()).hasSize(1);
            var push = JSON.readTree(FCM.requests().getFirst().body()).path("message");
            assertThat(push.path("token").asString()).isEqualTo(device);
            assertThat(push.path("data").path("incident_id").asString()).isEqualTo(incident.toString());
            assertThat(push.path("data").path("summary").asString()).isEqualTo("HIGH api: Disk full on db-1");

            clock.advance(Duration.ofSeconds(20));
            Acknowledgements.Result ack = acknowledgements.withToken(
                    push.path("data").path("ack_token").asString(), Channel.PUSH, "token");
            assertThat(ack.ok()).isTrue();
            assertThat(ack.changed()).isTrue();

            clock.advance(Duration.ofMinutes(30));
            EscalationDriver.runOnce(escalation);
            SenderHarness.pass(sender);

            assertThat(FCM.requests()).as("nobody else is paged after the acknowledgement").hasSize(1);
            assertThat(store.jdbc.sql("SELECT status FROM incidents WHERE id = :i").param("i", incident)
                    .query(String.class).single()).isEqualTo("acknowledged");
            List<String> trail = store.jdbc.sql("""
                            SELECT kind || ' ' || coalesce(channel, '-') FROM incident_events
                            WHERE incident_id = :i ORDER BY seq""")
                    .param("i", incident).query(String.class).list();
            assertThat(trail).containsExactly("triggered events_v2", "step_fired system", "intent_created system",
                    "intent_created system", "notification_sent push", "acknowledged push");
            assertThat(store.jdbc.sql(
                            "SELECT data ->> 'user_id' FROM incident_events WHERE incident_id = :i AND kind = 'notification_sent'")
                    .param("i", incident).query(String.class).single()).isEqualTo(onCall.toString());
            assertThat(store.jdbc.sql("""
                            SELECT state FROM notification_attempts WHERE incident_id = :i AND channel = 'sms'""")
                    .param("i", incident).query(String.class).list()).containsOnly("cancelled");
        }
    }
}
