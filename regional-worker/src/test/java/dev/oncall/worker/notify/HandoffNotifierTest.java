package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** Shift start and end messages, driven by a clock across a real schedule's handoff. */
@ExtendWith(WithInfrastructure.class)
class HandoffNotifierTest {
    private static StoreFixture store;
    private static FakeProvider receiver;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        receiver = new FakeProvider(Answer.json(200, "{}"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        store.close();
    }

    @Test
    void peopleAreToldOnceWhenTheirShiftStartsAndEnds() throws Exception {
        try (SenderHarness h = new SenderHarness(store, new SenderHarness.Providers(null, null, null, null, 0), l -> l)) {
            User alice = h.fx.person("alice");
            User bob = h.fx.person("bob");
            h.fx.method(alice, ContactMethodType.WEBHOOK, receiver.url() + "/alice", 0);
            h.fx.method(bob, ContactMethodType.WEBHOOK, receiver.url() + "/bob", 0);
            ScheduleInfo schedule = store.schedules.create(h.fx.team.id(), "Primary", "", "Europe/London");
            // Daily handoff at 09:00 London, which is 09:00Z on T0 (winter time): alice, then bob.
            store.layers.add(schedule.id(), schedule.version(), Layer.of("primary",
                    LocalDateTime.parse("2026-03-01T09:00"), Rotation.daily(1),
                    List.of(UserRef.of(alice.id()), UserRef.of(bob.id()))));
            HandoffProperties properties = new HandoffProperties(true, Duration.ofMinutes(1), Duration.ofMinutes(15),
                    true, true, List.of("push", "webhook"));
            HandoffNotices notices = new HandoffNotices(store.tx);
            HandoffNotifier notifier = new HandoffNotifier(store.schedules, store.scheduleLoader, store.contacts, notices, h.channels, h.guard,
                    properties, h.clock);
            HandoffNotifier otherWorker = new HandoffNotifier(store.schedules, store.scheduleLoader, store.contacts, notices, h.channels,
                    h.guard, properties, h.clock);

            h.clock.set(T0.minus(Duration.ofMinutes(5)));
            assertThat(notifier.runOnce()).as("nothing changed in the last 15 minutes").isZero();

            h.clock.set(T0.plus(Duration.ofMinutes(1)));
            assertThat(notifier.runOnce()).isEqualTo(2);
            h.clock.set(T0.plus(Duration.ofMinutes(2)));
            assertThat(otherWorker.runOnce()).as("the same handoff is not told twice").isZero();

            JsonMapper json = JsonMapper.builder().build();
            assertThat(receiver.requests("/bob")).hasSize(1);
            assertThat(json.readTree(receiver.requests("/bob").getFirst().body()).path("text").asString())
                    .isEqualTo("Your on-call shift for Primary starts now.");
            assertThat(json.readTree(receiver.requests("/alice").getFirst().body()).path("type").asString())
                    .isEqualTo("oncall.notice");
            assertThat(json.readTree(receiver.requests("/alice").getFirst().body()).path("text").asString())
                    .isEqualTo("Your on-call shift for Primary has ended.");
        }
    }
}
