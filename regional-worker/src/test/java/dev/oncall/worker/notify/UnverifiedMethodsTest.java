package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.notify.HandoffNotices;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing the worker sends goes to a contact method nobody verified: not a page, not a shift notice. */
@ExtendWith(WithInfrastructure.class)
class UnverifiedMethodsTest {
    private static StoreFixture store;
    private static FakeProvider twilio;
    private static FakeProvider receiver;

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

    @Test
    void aPageForANumberThatLostItsVerificationIsNotSent() throws Exception {
        try (SenderHarness h = new SenderHarness(store, new SenderHarness.Providers(twilio, null, null, null, 0), l -> l)) {
            User u = h.fx.person("moved");
            ContactMethod sms = h.fx.method(u, ContactMethodType.SMS, "+14155550300", 0);
            UUID incident = h.fx.incident("Disk full", T0);
            UUID intent = h.fx.intent(incident, sms, T0);
            // Written while verified; a new number, typed in before it went out, is nobody's proven number.
            store.contacts.updateMethod(sms.id(), sms.label(), "+14155550301", 0);

            pass(h.sender("w1"));

            assertThat(twilio.requests()).isEmpty();
            assertThat(h.fx.attempt(intent)).containsEntry("state", "failed");
            assertThat((String) h.fx.attempt(intent).get("last_error")).contains("not verified");
        }
    }

    @Test
    void shiftNoticesGoOnlyToVerifiedMethods() throws Exception {
        try (SenderHarness h = new SenderHarness(store, new SenderHarness.Providers(null, null, null, null, 0), l -> l)) {
            User alice = h.fx.person("alice");
            User bob = h.fx.person("bob");
            h.fx.unverifiedMethod(alice, ContactMethodType.WEBHOOK, receiver.url() + "/alice", 0);
            h.fx.method(bob, ContactMethodType.WEBHOOK, receiver.url() + "/bob", 0);
            ScheduleInfo schedule = store.schedules.create(h.fx.team.id(), "Primary", "", "Europe/London");
            store.layers.add(schedule.id(), schedule.version(), Layer.of("primary",
                    LocalDateTime.parse("2026-03-01T09:00"), Rotation.daily(1),
                    List.of(UserRef.of(alice.id()), UserRef.of(bob.id()))));
            HandoffNotifier notifier = new HandoffNotifier(store.schedules, store.scheduleLoader, store.contacts, new HandoffNotices(store.tx),
                    h.channels, h.guard, new HandoffProperties(true, Duration.ofMinutes(1), Duration.ofMinutes(15),
                            true, true, List.of("webhook")), h.clock);

            h.clock.set(T0.plus(Duration.ofMinutes(1)));

            assertThat(notifier.runOnce()).as("bob comes on; alice's unverified webhook gets nothing").isEqualTo(1);
            assertThat(receiver.requests("/bob")).hasSize(1);
            assertThat(receiver.requests("/alice")).isEmpty();
        }
    }
}
