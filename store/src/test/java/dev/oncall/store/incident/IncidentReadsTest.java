package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Slice;
import dev.oncall.platform.db.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentReadsTest extends IncidentTestBase {

    @Test
    void listsPageNewestFirstByTeamAndStatus() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(trigger(scenario.service, "l" + i).incidentId().orElseThrow());
            clock.advance(Duration.ofSeconds(1));
        }
        commands.acknowledge(ids.get(1), Actor.system("t"), Channel.GRAPHQL);
        Slice<Incident> first = reads.list(IncidentFilter.team(scenario.team), 2, Optional.empty());
        assertThat(first.items()).extracting(Incident::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.hasMore()).isTrue();
        Slice<Incident> second = reads.list(IncidentFilter.team(scenario.team), 2,
                Optional.of(IncidentReads.cursorOf(first.items().getLast())));
        assertThat(second.items()).extracting(Incident::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(reads.list(IncidentFilter.team(scenario.team, IncidentStatus.ACKNOWLEDGED), 10, Optional.empty())
                .items()).extracting(Incident::id).containsExactly(ids.get(1));
        assertThat(reads.list(IncidentFilter.team(UUID.randomUUID()), 10, Optional.empty()).items()).isEmpty();
        assertThatThrownBy(() -> reads.list(IncidentFilter.team(scenario.team), 2, Optional.of("junk")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("after");
    }

    @Test
    void listsFilterByServiceUrgencyAndCreationTime() {
        UUID early = trigger(scenario.service, "early").incidentId().orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        UUID low = commands.trigger(scenario.service, AlertEvent.trigger("low", "minor", "db-1", "warning", "{}"),
                Urgency.LOW, Actor.system("t"), Channel.GRAPHQL).incidentId().orElseThrow();
        assertThat(reads.get(low).orElseThrow().urgency()).isEqualTo(Urgency.LOW);
        Instant now = clock.instant();
        List<UUID> all = List.of(scenario.team);

        assertThat(reads.list(new IncidentFilter(all, Set.of(), Optional.of(scenario.service), Optional.of(Urgency.LOW),
                Optional.empty(), Optional.empty()), 10, Optional.empty()).items()).extracting(Incident::id)
                .containsExactly(low);
        assertThat(reads.list(new IncidentFilter(all, Set.of(), Optional.empty(), Optional.empty(),
                Optional.of(now.minusSeconds(60)), Optional.empty()), 10, Optional.empty()).items())
                .extracting(Incident::id).containsExactly(low);
        assertThat(reads.list(new IncidentFilter(all, Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(now)), 10, Optional.empty()).items())
                .extracting(Incident::id).containsExactly(early);
        assertThat(reads.list(new IncidentFilter(all, Set.of(), Optional.of(UUID.randomUUID())), 10, Optional.empty())
                .items()).isEmpty();
        assertThatThrownBy(() -> new IncidentFilter(all, Set.of(), Optional.empty(), Optional.empty(),
                Optional.of(now), Optional.of(now))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("createdBefore");
    }

    @Test
    void alertCountsAssigneesAndLastPagedStepsAreReadForManyIncidentsAtOnce() {
        UUID paged = trigger(scenario.service, "paged").incidentId().orElseThrow();
        UUID quiet = trigger(scenario.service, "quiet").incidentId().orElseThrow();
        commands.acknowledge(quiet, Actor.system("t"), Channel.GRAPHQL);
        fireDue();

        assertThat(reads.alertCounts(List.of(paged, quiet))).containsOnly(java.util.Map.entry(paged, 1),
                java.util.Map.entry(quiet, 1));
        assertThat(reads.assigneesOf(List.of(paged, quiet))).containsOnlyKeys(paged);
        assertThat(reads.assigneesOf(List.of(paged)).get(paged)).extracting(IncidentDetail.Assignee::userId)
                .containsExactly(scenario.users.get(0));
        assertThat(reads.lastPagedSteps(List.of(paged, quiet)))
                .containsExactly(java.util.Map.entry(paged, new IncidentReads.PagedStep(0, 0)));
        assertThat(reads.alertCounts(List.of())).isEmpty();
        assertThat(reads.alerts(paged, 10, Optional.empty()).items()).singleElement()
                .satisfies(a -> assertThat(a.incidentId()).contains(paged));
    }

    @Test
    void anIncidentComesWithItsAlertsEventsInOrderAndAssignees() {
        UUID incident = trigger(scenario.service, "d").incidentId().orElseThrow();
        trigger(scenario.service, "d");
        fireDue();
        IncidentDetail detail = reads.find(incident).orElseThrow();
        assertThat(detail.alerts()).singleElement().satisfies(a -> {
            assertThat(a.eventCount()).isEqualTo(2);
            assertThat(a.payloadJson()).contains("db-1");
        });
        assertThat(detail.events()).extracting(IncidentEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(detail.events()).extracting(IncidentEvent::code)
                .containsExactly("triggered", "deduplicated", "step_fired", "intent_created", "intent_created");
        assertThat(detail.assignees()).hasSize(1);
        assertThat(detail.lastPagedStep()).contains(0);
        assertThat(reads.events(incident, 3, 10)).extracting(IncidentEvent::seq).containsExactly(4L, 5L);
        assertThat(reads.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void readingFromACursorAlsoReturnsTheOverlapWindowSoALateCommitIsNotMissed() {
        UUID incident = trigger(scenario.service, "f").incidentId().orElseThrow();
        EventBatch first = reads.eventsSince(scenario.team, Optional.empty(), 100);
        assertThat(first.events()).extracting(IncidentEvent::code).containsExactly("triggered");
        EventCursor cursor = first.next();

        clock.advance(Duration.ofSeconds(5));
        commands.addNote(incident, "later", Actor.system("t"), Channel.GRAPHQL);
        // An event stamped before the cursor that committed after the reader looked (a slow transaction).
        store.jdbc.sql("""
                        INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, data, created_at)
                        VALUES (:i, :team, 99, 'note', 'system', 't', '{}', :t)""")
                .param("i", incident).param("team", scenario.team)
                .param("t", Rows.param(cursor.createdAt().minusSeconds(2))).update();

        EventBatch resumed = reads.eventsSince(scenario.team, Optional.of(cursor), 100);
        assertThat(resumed.events()).extracting(IncidentEvent::seq).containsExactlyInAnyOrder(1L, 2L, 99L);
        assertThat(resumed.hasMore()).isFalse();
        assertThat(EventCursor.decode("after", cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void streamPagesWhenManyEventsAreWaiting() {
        UUID incident = trigger(scenario.service, "many").incidentId().orElseThrow();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMillis(1));
            commands.addNote(incident, "n" + i, Actor.system("t"), Channel.GRAPHQL);
        }
        Set<UUID> seen = new java.util.HashSet<>();
        List<Long> seqs = new ArrayList<>();
        Optional<EventCursor> cursor = Optional.empty();
        for (int i = 0; i < 5; i++) {
            EventBatch batch = reads.eventsSince(scenario.team, cursor, 3);
            batch.events().stream().filter(e -> seen.add(e.id())).forEach(e -> seqs.add(e.seq()));
            cursor = Optional.of(batch.next());
        }
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }
}
