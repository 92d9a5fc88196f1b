package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.oncall.store.snapshot.ConfigurationSnapshot;
import dev.oncall.store.oncall.DirectOnCallLookup;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * A step whose configuration cannot be read (tables locked by another session, as a configuration
 * outage looks from the worker) is resolved from the worker's snapshot: it pages whom the fresh
 * read pages, the page's event says so, and the step still fires once.
 */
class PagingFromSnapshotTest extends IncidentTestBase {
    /**
     * What a step's resolution reads, less the tables other writes reference by foreign key (a lock
     * there would hold the writes, not just the reads): users and contact methods (the page's
     * intents), services, teams and escalation policies (a new incident, at ingest). The fault run
     * locks the same set.
     */
    static final String CONFIGURATION_TABLES = "escalation_steps, escalation_step_targets, schedules, rotation_layers, "
            + "layer_participants, overrides, coverage_requests, team_members, notification_rules";

    @Test
    void lockedConfigurationPagesFromTheSnapshotAsTheFreshReadWould() throws Exception {
        snapshots.refresh();
        UUID fresh = trigger(scenario.service, "fresh").incidentId().orElseThrow();
        assertThat(fireDue()).isEqualTo(1);
        UUID locked;

        try (AutoCloseable lock = lockConfiguration()) {
            locked = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> trigger(scenario.service, "locked").incidentId().orElseThrow(), "ingest is not held by the lock");
            int fired = assertTimeoutPreemptively(Duration.ofSeconds(60), this::fireDue,
                    "the read must give up at its deadline, not wait for the lock");
            assertThat(fired).isEqualTo(1);
        }

        assertThat(stepFired(fresh)).doesNotContain("resolvedFrom");
        assertThat(stepFired(locked)).contains("\"resolvedFrom\": \"snapshot\"")
                .contains("\"snapshotVersion\": " + snapshots.current().orElseThrow().version());
        assertThat(pagedMethods(locked)).isEqualTo(pagedMethods(fresh)).hasSize(2);
        assertThat(meters.get("oncall.escalation.steps.from.snapshot").counter().count()).isEqualTo(1.0);
        assertThat(count("SELECT count(*) FROM escalation_timers WHERE incident_id = ? AND step = 1", locked))
                .isEqualTo(1);
    }

    @Test
    void aSweepUnderLockedConfigurationPagesFromTheSnapshot() throws Exception {
        snapshots.refresh();
        UUID incident = trigger(scenario.service, "swept").incidentId().orElseThrow();
        EscalationSweep sweep = new EscalationSweep(store.tx, clock, new PageResolver(store.tx,
                new DirectOnCallLookup(store.scheduleLoader), snapshots, CONFIG_READ_TIMEOUT, meters),
                new IncidentEventPublisher(redis));

        EscalationSweep.Batch batch;
        try (AutoCloseable lock = lockConfiguration()) {
            batch = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sweep.fireDue(REGION, 20));
        }

        assertThat(batch.fired()).singleElement().satisfies(f -> assertThat(f.advanced()).isTrue());
        assertThat(stepFired(incident)).contains("\"resolvedFrom\": \"snapshot\"");
        assertThat(pagedMethods(incident)).containsExactlyInAnyOrder(scenario.methods.get(0).id(),
                scenario.methods.get(1).id());
    }

    @Test
    void withoutASnapshotAnUnreadableConfigurationFailsTheStepAndKeepsTheTimer() throws Exception {
        UUID incident = trigger(scenario.service, "no-snapshot").incidentId().orElseThrow();

        try (AutoCloseable lock = lockConfiguration()) {
            assertThatThrownBy(this::fireDue).isInstanceOf(DataAccessException.class);
        }

        assertThat(count("SELECT count(*) FROM escalation_timers WHERE incident_id = ?", incident)).isEqualTo(1);
        assertThat(kinds(incident)).doesNotContain("step_fired");
        assertThat(fireDue()).isEqualTo(1);
        assertThat(stepFired(incident)).doesNotContain("resolvedFrom");
    }

    @Test
    void aConfigurationChangeIsPickedUpByTheNextRefreshAndOnlyThen() {
        ConfigurationSnapshot first = snapshots.refresh();
        assertThat(snapshots.refresh()).isSameAs(first);
        Instant at = clock.instant().plusSeconds(60);
        assertThat(first.onCallAt(List.of(scenario.schedule), at).get(scenario.schedule))
                .containsExactly(scenario.users.get(0));

        store.overrides.create(scenario.schedule, scenario.users.get(2), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), Optional.empty());
        ConfigurationSnapshot second = snapshots.refresh();

        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(second.onCallAt(List.of(scenario.schedule), at).get(scenario.schedule))
                .containsExactly(scenario.users.get(2));
    }

    @Test
    void aSnapshotRunningShortOfItsWindowIsReloadedThoughNothingChanged() {
        ConfigurationSnapshot first = snapshots.refresh();
        clock.advance(Duration.ofHours(4));

        ConfigurationSnapshot second = snapshots.refresh();

        assertThat(second).isNotSameAs(first);
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.covers(clock.instant().plus(Duration.ofHours(5)))).isTrue();
    }

    /** Holds the configuration tables locked, as another session would, until closed. */
    private AutoCloseable lockConfiguration() throws Exception {
        Connection c = store.dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + CONFIGURATION_TABLES + " IN ACCESS EXCLUSIVE MODE");
        }
        return () -> {
            c.rollback();
            c.close();
        };
    }

    private String stepFired(UUID incident) {
        return reads.events(incident, 0, 1000).stream().filter(e -> e.code().equals("step_fired"))
                .map(IncidentEvent::dataJson).findFirst().orElseThrow();
    }

    private List<UUID> pagedMethods(UUID incident) {
        return store.jdbc.sql("SELECT contact_method_id FROM notification_attempts WHERE incident_id = ? "
                + "ORDER BY contact_method_id").param(incident).query(UUID.class).list();
    }
}
