package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An incident's log reads in time order as it reads in seq order, even when the processes that
 * append to it disagree on the time: here a graph-api and a worker whose clock NTP has just
 * stepped 30 seconds back. Each event is stamped no earlier than the incident's last change.
 */
class EventTimeOrderTest extends IncidentTestBase {

    @Test
    void aProcessWhoseClockIsBehindNeverStampsAnEventBeforeTheOneBeforeIt() {
        MutableClock behind = new MutableClock(clock.instant().minus(Duration.ofSeconds(30)));
        IncidentEventPublisher publisher = new IncidentEventPublisher(redis);
        DirectOnCallLookup onCall = new DirectOnCallLookup(store.scheduleLoader);
        IncidentCommands lateApi = new IncidentCommands(store.tx, behind, REGION, onCall, publisher);
        EscalationFiring lateWorker = new EscalationFiring(store.tx, behind,
                new PageResolver(store.tx, onCall, snapshots, CONFIG_READ_TIMEOUT, meters), publisher);
        Instant triggeredAt = clock.instant();

        UUID incident = trigger(scenario.service, "skew").incidentId().orElseThrow();
        // Deduplicated (one statement reserving and appending), the step page, a note, the
        // acknowledgement and the resolve: every way an incident's own change is appended.
        lateApi.trigger(scenario.service, AlertEvent.trigger("skew", "disk full on db-1", "db-1", "critical", "{}"),
                Actor.integration("test"), Channel.EVENTS_V2);
        assertThat(timers.dueBy(REGION, clock.instant(), 10)).singleElement()
                .satisfies(t -> assertThat(lateWorker.fire(t, REGION)).isEqualTo(EscalationFiring.Outcome.STEP_FIRED));
        assertThat(lateApi.addNote(incident, "looking", Actor.system("test"), Channel.GRAPHQL).ok()).isTrue();
        assertThat(lateApi.acknowledge(incident, Actor.system("test"), Channel.GRAPHQL).changed()).isTrue();
        assertThat(lateApi.resolve(incident, Actor.system("test"), Channel.GRAPHQL).changed()).isTrue();

        List<IncidentEvent> changes = reads.events(incident, 0, 100).stream()
                .filter(e -> !e.code().startsWith("notification_")).toList();
        assertThat(changes).extracting(IncidentEvent::code).containsSubsequence(
                "triggered", "deduplicated", "step_fired", "note", "acknowledged", "resolved");
        assertThat(changes).allSatisfy(e -> assertThat(e.createdAt()).isEqualTo(triggeredAt));

        // Once the stepped clock passes the last change, its own instants are used again.
        behind.advance(Duration.ofMinutes(1));
        assertThat(lateApi.addNote(incident, "after the fact", Actor.system("test"), Channel.GRAPHQL).ok()).isTrue();
        assertThat(reads.events(incident, 0, 100).getLast().createdAt()).isEqualTo(behind.instant());
    }
}
