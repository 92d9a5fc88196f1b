package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.auth.Caller;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.incident.IncidentEvent;
import dev.oncall.store.incident.IncidentReads;
import dev.oncall.store.testing.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;

/** Redis wakes subscriptions at once; without Redis they still deliver, by reading the table on their own. */
class IncidentWakeupsTest extends IncidentTestBase {
    @Autowired IncidentWakeups wakeups;
    @Autowired IncidentEventPublisher publisher;
    @Autowired IncidentReads reads;
    @Autowired IncidentSubscription subscription;

    @Test
    void aCommitPublishedOnRedisWakesTheTeamsSubscriptions() throws InterruptedException {
        UUID team = UUID.randomUUID();
        BlockingQueue<UUID> woken = new LinkedBlockingQueue<>();
        Disposable listening = wakeups.of(team).subscribe(woken::add);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            UUID got = null;
            // The listener connects in the background: publish until it hears one.
            while (got == null) {
                assertThat(System.nanoTime()).as("a wake-up within the deadline").isLessThan(deadline);
                publisher.publish(UUID.randomUUID());
                publisher.publish(team);
                got = woken.poll(200, TimeUnit.MILLISECONDS);
            }
            assertThat(got).isEqualTo(team);
        } finally {
            listening.dispose();
        }
    }

    @Test
    void withRedisDownSubscriptionsStillDeliverEveryEvent() throws InterruptedException {
        clock.set(START);
        Crew crew = crew();
        Service service = service(crew);
        UUID incident = trigger(service, "redis-down");
        UUID team = UUID.fromString(crew.teamId());
        IncidentEvent triggered = reads.events(incident, 0, 1).getFirst();
        String cursor = StreamCursor.of(triggered.createdAt(), List.of(triggered.id())).encode();
        Caller caller = new Caller.Person(UUID.fromString(crew.id("OBSERVER")), Map.of(team, Role.OBSERVER));
        TestInfrastructure infra = TestInfrastructure.get();
        BlockingQueue<IncidentUpdate> updates = new LinkedBlockingQueue<>();
        infra.stopRedis();
        Disposable live = subscription.incidentUpdates(caller,
                graphql.GraphQLContext.of(Map.of(Caller.class.getName(), caller)), team, cursor).subscribe(updates::add);
        try {
            commands.addNote(incident, "while redis is down", Actor.user(UUID.fromString(crew.id("RESPONDER"))),
                    Channel.GRAPHQL);
            IncidentUpdate update = updates.poll(30, TimeUnit.SECONDS);
            assertThat(update).as("the note within the deadline").isNotNull();
            assertThat(update.event().seq()).isEqualTo(2);
            assertThat(update.event().dataJson()).contains("while redis is down");
        } finally {
            live.dispose();
            infra.startRedis();
        }
    }
}
