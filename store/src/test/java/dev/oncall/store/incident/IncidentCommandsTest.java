package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncidentCommandsTest extends IncidentTestBase {

    @Test
    void triggerOpensAlertAndIncidentWithTheFirstTimerDueNowInOneTransaction() {
        TriggerResult r = trigger(scenario.service, "disk-db-1");
        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        UUID incident = r.incidentId().orElseThrow();
        Incident i = reads.get(incident).orElseThrow();
        assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(i.title()).isEqualTo("disk full on db-1");
        assertThat(i.homeRegion()).isEqualTo(REGION);
        assertThat(kinds(incident)).containsExactly("triggered");
        List<DueTimer> due = timers.dueBy(REGION, clock.instant(), 10);
        assertThat(due).singleElement().satisfies(t -> {
            assertThat(t.incidentId()).isEqualTo(incident);
            assertThat(t.step()).isZero();
            assertThat(t.dueAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aTriggerWithTheKeyOfAnOpenAlertDeduplicatesUntilItIsResolved() {
        UUID first = trigger(scenario.service, "k").incidentId().orElseThrow();
        TriggerResult again = trigger(scenario.service, "k");
        assertThat(again.outcome()).isEqualTo(TriggerResult.Outcome.DEDUPLICATED);
        assertThat(again.incidentId()).contains(first);
        assertThat(count("SELECT event_count FROM alerts WHERE dedup_key = 'k'")).isEqualTo(2);
        assertThat(kinds(first)).containsExactly("triggered", "deduplicated");

        commands.trigger(scenario.service, AlertEvent.of(AlertAction.RESOLVE, "k"), Actor.integration("t"), Channel.EVENTS_V2);
        TriggerResult reopened = trigger(scenario.service, "k");
        assertThat(reopened.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(reopened.incidentId()).isPresent().isNotEqualTo(Optional.of(first));
        assertThat(count("SELECT count(*) FROM alerts WHERE dedup_key = 'k'")).isEqualTo(2);
    }

    @Test
    void acknowledgeAndResolveByKeyNeverCreateAnAlert() {
        for (AlertAction action : List.of(AlertAction.ACKNOWLEDGE, AlertAction.RESOLVE)) {
            TriggerResult r = commands.trigger(scenario.service, AlertEvent.of(action, "nothing-open"),
                    Actor.integration("t"), Channel.EVENTS_V2);
            assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.IGNORED);
        }
        assertThat(store.count("alerts")).isZero();
        assertThat(store.count("incidents")).isZero();
    }

    @Test
    void aTriggerWithoutKeyGetsAGeneratedOne() {
        TriggerResult r = commands.trigger(scenario.service, AlertEvent.trigger(null, "x", "", "info", "{}"),
                Actor.integration("t"), Channel.EVENTS_V2);
        assertThat(r.dedupKey()).hasSize(32);
        assertThat(count("SELECT count(*) FROM alerts WHERE dedup_key = ?", r.dedupKey())).isEqualTo(1);
    }

    @Test
    void servicesInMaintenanceRecordTheAlertButPageNobody() {
        store.services.setMaintenance(scenario.service, Optional.of(clock.instant().plus(Duration.ofHours(1))));
        TriggerResult r = trigger(scenario.service, "m");
        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.SUPPRESSED);
        assertThat(r.incidentId()).isEmpty();
        assertThat(store.count("alerts")).isEqualTo(1);
        assertThat(store.count("escalation_timers")).isZero();
        assertThat(store.count("incidents")).isZero();

        clock.advance(Duration.ofHours(2));
        TriggerResult after = trigger(scenario.service, "m");
        assertThat(after.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(store.count("escalation_timers")).isEqualTo(1);
    }

    @Test
    void acknowledgeStopsTimersAndCancelsPendingPagesInItsTransaction() {
        UUID incident = trigger(scenario.service, "a").incidentId().orElseThrow();
        assertThat(fireDue()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE state = 'pending'")).isEqualTo(2);

        UUID who = scenario.users.get(0);
        CommandResult ack = commands.acknowledge(incident, Actor.user(who), Channel.PUSH);
        assertThat(ack.ok()).isTrue();
        assertThat(ack.changed()).isTrue();
        assertThat(ack.incident().orElseThrow().acknowledgedBy()).contains(who);
        assertThat(store.count("escalation_timers")).isZero();
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE state = 'pending'")).isZero();
        assertThat(count("SELECT count(*) FROM alerts WHERE status = 'acknowledged'")).isEqualTo(1);
        assertThat(commands.acknowledge(incident, Actor.user(who), Channel.PUSH).changed()).isFalse();
        assertThat(reads.events(incident, 0, 100).getLast()).satisfies(e -> {
            assertThat(e.kind()).contains(IncidentEventKind.ACKNOWLEDGED);
            assertThat(e.actor()).isEqualTo(Actor.user(who));
            assertThat(e.channel()).contains(Channel.PUSH);
            assertThat(e.createdAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void resolveClosesIncidentAndAlertAndRefusesLaterCommands() {
        UUID incident = trigger(scenario.service, "r").incidentId().orElseThrow();
        assertThat(commands.resolve(incident, Actor.system("test"), Channel.GRAPHQL).ok()).isTrue();
        assertThat(store.count("escalation_timers")).isZero();
        assertThat(count("SELECT count(*) FROM alerts WHERE status = 'resolved' AND resolved_at IS NOT NULL")).isEqualTo(1);
        CommandResult ack = commands.acknowledge(incident, Actor.system("test"), Channel.GRAPHQL);
        assertThat(ack.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("id"));
        assertThat(commands.escalate(incident, Actor.system("t"), Channel.GRAPHQL).ok()).isFalse();
        assertThat(commands.acknowledge(UUID.randomUUID(), Actor.system("t"), Channel.GRAPHQL).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("no such incident"));
    }

    @Test
    void escalatePagesTheArmedStepNowAndArmsTheNext() {
        UUID incident = trigger(scenario.service, "e").incidentId().orElseThrow();
        fireDue();
        CommandResult r = commands.escalate(incident, Actor.user(scenario.users.get(0)), Channel.GRAPHQL);
        assertThat(r.ok()).isTrue();
        assertThat(r.incident().orElseThrow().currentStep()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE user_id = ?", scenario.users.get(1)))
                .isEqualTo(2);
        assertThat(timers.dueBy(REGION, clock.instant().plus(Duration.ofDays(1)), 10)).singleElement()
                .satisfies(t -> assertThat(t.step()).isEqualTo(2));
        assertThat(kinds(incident)).containsSubsequence("escalated", "step_fired", "intent_created", "intent_created");
        assertThat(reads.find(incident).orElseThrow().lastPagedStep()).contains(1);
    }

    @Test
    void reassignPagesTheNewAssigneesAndRefusesUnknownPeople() {
        UUID incident = trigger(scenario.service, "re").incidentId().orElseThrow();
        UUID third = scenario.users.get(2);
        CommandResult bad = commands.reassign(incident, List.of(third, UUID.randomUUID()), Actor.system("t"), Channel.GRAPHQL);
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("userIds[1]"));
        assertThat(commands.reassign(incident, List.of(), Actor.system("t"), Channel.GRAPHQL).ok()).isFalse();

        assertThat(commands.reassign(incident, List.of(third), Actor.system("t"), Channel.GRAPHQL).ok()).isTrue();
        assertThat(reads.find(incident).orElseThrow().assignees()).extracting(IncidentDetail.Assignee::userId)
                .containsExactly(third);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE user_id = ?", third)).isEqualTo(2);
        assertThat(commands.reassign(incident, List.of(third), Actor.system("t"), Channel.GRAPHQL).ok()).isTrue();
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE user_id = ?", third)).isEqualTo(4);
    }

    @Test
    void notesAreRecordedWithActorAndChannelAndBlankOnesRefused() {
        UUID incident = trigger(scenario.service, "n").incidentId().orElseThrow();
        assertThat(commands.addNote(incident, " ", Actor.system("t"), Channel.SLACK).errors())
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(commands.addNote(incident, "looking", Actor.user(scenario.users.get(0)), Channel.SLACK).ok()).isTrue();
        IncidentEvent note = reads.events(incident, 0, 10).getLast();
        assertThat(note.kind()).contains(IncidentEventKind.NOTE);
        assertThat(note.dataJson()).contains("looking");
        assertThat(note.seq()).isEqualTo(2);
    }

    @Test
    void unknownServicesAreRefusedByField() {
        assertThatThrownBy(() -> trigger(UUID.randomUUID(), "x")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().getFirst().field()).isEqualTo("serviceId"));
        assertThatThrownBy(() -> AlertEvent.trigger("k", "x".repeat(1025), "", "error", "{}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("summary");
    }

    @Test
    void committedEventsWakeTheTeamsSubscribersOnRedis() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        var sub = redis.pubSub().orElseThrow();
        sub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(message);
            }
        });
        sub.sync().subscribe(IncidentEventPublisher.CHANNEL);
        try {
            trigger(scenario.service, "wake");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(scenario.team.toString());
        } finally {
            sub.close();
        }
    }

    @Test
    void concurrentTriggersWithOneKeyMakeOneAlert() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<TriggerResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> trigger(scenario.service, "race")));
            }
            long created = 0;
            for (var f : results) {
                created += f.get().outcome() == TriggerResult.Outcome.CREATED ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(count("SELECT event_count FROM alerts")).isEqualTo(8);
            assertThat(store.count("incidents")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
