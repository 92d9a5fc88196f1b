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
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Providers failing and senders dying: nobody goes unpaged, and duplicates happen only where measured. */
@ExtendWith(WithInfrastructure.class)
class DeliveryFaultsTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SenderHarness.TWILIO_SID + "/Messages.json";
    private static StoreFixture store;
    private static FakeProvider twilio;
    private static FakeProvider receiver;
    private SenderHarness h;

    /** What a process being killed looks like to the code running in it: it just stops. */
    static final class Killed extends Error {
        Killed() {
            super("sender killed", null, false, false);
        }
    }

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        twilio = new FakeProvider(Answer.json(201, "{\"sid\":\"SM1\"}"));
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
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        twilio.clear();
        twilio.always(Answer.json(201, "{\"sid\":\"SM1\"}"));
        receiver.clear();
    }

    @Test
    void aDeadProviderOpensItsCircuitWhileOtherChannelsKeepDelivering() {
        twilio.always(Answer.json(503, "{\"code\":20503,\"message\":\"Service Unavailable\"}"));
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            User u = h.fx.person("down-" + i);
            UUID incident = h.fx.incident("outage " + i, T0);
            incidents.add(incident);
            h.fx.intent(incident, h.fx.method(u, ContactMethodType.SMS, "+1415555020" + i, 0), T0);
            h.fx.intent(incident, h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/hook/" + i, 1),
                    T0.plus(Duration.ofMinutes(1)));
        }
        Sender sender = h.sender("w1");

        pass(sender);
        pass(sender);

        assertThat(h.guard.state("twilio")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(twilio.requests(MESSAGES).size()).isLessThan(6 * h.properties.retry().maxAttempts());
        assertThat(receiver.requests("/hook/")).hasSize(6);
        for (UUID incident : incidents) {
            assertThat(h.fx.events(incident)).containsExactly("notification_failed sms", "notification_sent webhook");
        }
        assertThat(incidents.stream().flatMap(i -> h.fx.eventData(i, "notification_failed").stream()))
                .anyMatch(data -> data.contains("\"failure\":\"circuit_open\""));
        assertThat(h.meters.find("oncall.circuit.breaker.open").tag("breaker", "twilio").gauge().value()).isEqualTo(1);
    }

    @Test
    void aSenderKilledBetweenClaimAndSendLosesNothing() {
        User u = h.fx.person("killed-early");
        UUID incident = h.fx.incident("killed early", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.SMS, "+14155550210", 0), T0);
        Channel sms = h.channels.forType(ContactMethodType.SMS);
        Sender dying = h.sender("dying", new ChannelRegistry(List.of(new Dying(sms, false))));

        pass(dying);
        assertThat(h.fx.state(intent)).isEqualTo("sending");
        assertThat(twilio.requests(MESSAGES)).isEmpty();

        Sender survivor = h.sender("survivor");
        h.clock.advance(h.properties.claimTtl().minusSeconds(1));
        assertThat(pass(survivor)).as("the claim still holds").isZero();
        h.clock.advance(Duration.ofSeconds(1));
        pass(survivor);

        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        assertThat(h.fx.attempt(intent)).containsEntry("state", "sent").containsEntry("claimed_by", "survivor");
        assertThat(h.fx.events(incident)).containsExactly("notification_sent sms");
    }

    @Test
    void aSenderKilledAfterTheProviderAcceptedCausesTheOnlyDuplicate() {
        User u = h.fx.person("killed-late");
        UUID incident = h.fx.incident("killed late", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.SMS, "+14155550211", 0), T0);
        Sender dying = h.sender("dying", new ChannelRegistry(List.of(new Dying(h.channels.forType(ContactMethodType.SMS), true))));

        pass(dying);
        assertThat(twilio.requests(MESSAGES)).hasSize(1);
        assertThat(h.fx.state(intent)).isEqualTo("sending");

        h.clock.advance(h.properties.claimTtl());
        Sender survivor = h.sender("survivor");
        pass(survivor);
        h.clock.advance(h.properties.claimTtl());
        pass(survivor);

        assertThat(twilio.requests(MESSAGES)).as("sent by the dead sender, then once more").hasSize(2);
        assertThat(h.fx.state(intent)).isEqualTo("sent");
        assertThat(h.fx.events(incident)).containsExactly("notification_sent sms");
        assertThat(h.meters.find("oncall.notification.duplicate.window").tag("channel", "sms").timer().count())
                .isEqualTo(1);
    }

    /** Wraps a channel and kills the sender just before, or just after, the provider accepts. */
    private record Dying(Channel inner, boolean afterAcceptance) implements Channel {
        @Override
        public ContactMethodType type() {
            return inner.type();
        }

        @Override
        public String provider() {
            return inner.provider();
        }

        @Override
        public Receipt send(Delivery delivery) throws DeliveryException {
            if (afterAcceptance) {
                inner.send(delivery);
            }
            throw new Killed();
        }
    }

}
