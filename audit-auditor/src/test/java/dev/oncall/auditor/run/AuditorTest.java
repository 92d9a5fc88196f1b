package dev.oncall.auditor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Segment;
import dev.oncall.store.audit.Episode;
import dev.oncall.store.audit.FindingKind;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The auditor against a running system: what it pages about, how often, and what it repairs. */
@ExtendWith(WithInfrastructure.class)
class AuditorTest {
    // Nanoseconds on purpose: the database keeps microseconds, and the auditor must not trip over it.
    private static final Instant START = Instant.parse("2026-03-08T05:00:00.123456789Z");

    private AuditFixture system;
    private ScheduleInfo schedule;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        system = new AuditFixture(infra, START);
        schedule = system.hourlySchedule("primary", 2);
        system.workersRun();
    }

    @AfterEach
    void tearDown() {
        system.close();
    }

    /** Overwrites the cache entry of the current bucket with "ben all bucket long". */
    private BucketKey corruptCurrentBucket() {
        ScheduleInfo current = system.store.schedules.find(schedule.id()).orElseThrow();
        Instant bucket = OnCallBuckets.start(system.clock.instant());
        BucketKey key = new BucketKey(current.id(), current.version(), bucket);
        system.lookup.onCallAt(current.id(), system.clock.instant());
        String wrong = "[{\"s\":\"" + bucket + "\",\"e\":\"" + OnCallBuckets.end(bucket) + "\",\"u\":[\"" + system.ben.id() + "\"]}]";
        system.redis.connection().orElseThrow().sync().set(key.redisKey(), wrong);
        return key;
    }

    private List<Segment> engineBucket(BucketKey key) {
        var s = system.store.scheduleLoader.load(schedule.id(), key.bucketStart(), OnCallBuckets.end(key.bucketStart()))
                .orElseThrow().toSchedule();
        return OnCallBuckets.render(s, key.bucketStart());
    }

    @Test
    void aCorruptedCacheEntryPagesOnceAndIsRepaired() {
        system.clock.set(START.plusSeconds(2 * 3600 + 60));
        system.workersRun();
        BucketKey key = corruptCurrentBucket();

        AuditResult first = system.auditor.runOnce();

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.CACHE_MISMATCH);
        List<Map<String, Object>> pages = system.eventsApi.events("trigger");
        assertThat(pages).hasSize(1);
        Map<String, Object> page = pages.get(0);
        assertThat(page.get("routing_key")).isEqualTo("self-monitoring-key");
        assertThat(page.get("dedup_key")).isEqualTo("oncall-audit/cache_mismatch/test-region/" + schedule.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) page.get("payload");
        assertThat((String) payload.get("summary")).contains(schedule.id().toString()).contains(key.bucketStart().toString())
                .contains("expected").contains("found").contains(system.ben.id().toString());
        assertThat(payload.get("severity")).isEqualTo("critical");
        assertThat(system.cache.get(key)).contains(new CachedBucket.Present(engineBucket(key)));

        AuditResult second = system.auditor.runOnce();

        assertThat(second.exitCode()).isZero();
        assertThat(system.eventsApi.events("trigger")).hasSize(1);
        assertThat(system.eventsApi.events("resolve")).singleElement()
                .satisfies(e -> assertThat(e.get("dedup_key")).isEqualTo(page.get("dedup_key")));
        assertThat(system.fallback.events()).isEmpty();
    }

    @Test
    void repeatedRunsDuringOneEpisodePageOnce() {
        for (int run = 0; run < 4; run++) {
            system.clock.advance(Duration.ofSeconds(61));
            system.workersRun();
            corruptCurrentBucket();
            assertThat(system.auditor.runOnce().exitCode()).isEqualTo(1);
        }
        assertThat(system.eventsApi.events("trigger")).hasSize(1);
        assertThat(system.eventsApi.events("resolve")).isEmpty();
        assertThat(system.episodes.open()).singleElement()
                .satisfies(e -> assertThat(e.pagedVia()).contains("events_api"));

        system.clock.advance(Duration.ofSeconds(61));
        system.workersRun();
        system.auditor.runOnce();

        assertThat(system.eventsApi.events("resolve")).hasSize(1);
        assertThat(system.episodes.open()).isEmpty();
    }

    @Test
    void shiftsLeftStaleByAChangeWhileWorkersWereDownAreDetected() {
        system.clock.advance(Duration.ofMinutes(30));
        system.heartbeat("worker-1");
        Instant now = system.clock.instant();
        // The workers are down: nobody materializes the override that starts now.
        system.store.overrides.create(schedule.id(), system.cat.id(), now.minusSeconds(60), now.plusSeconds(3600),
                Optional.empty());

        AuditResult withinGrace = system.auditor.runOnce();
        assertThat(withinGrace.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.SHIFTS_STALE);
        assertThat(withinGrace.exitCode()).isZero();
        assertThat(system.eventsApi.events()).isEmpty();

        system.clock.advance(Duration.ofMinutes(6));
        system.heartbeat("worker-1");
        AuditResult afterGrace = system.auditor.runOnce();
        assertThat(afterGrace.exitCode()).isEqualTo(1);
        assertThat(system.eventsApi.events("trigger")).singleElement().satisfies(e ->
                assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/shifts_stale/" + schedule.id()));

        system.workersRun();
        assertThat(system.auditor.runOnce().exitCode()).isZero();
        assertThat(system.eventsApi.events("resolve")).hasSize(1);
    }

    @Test
    void shiftsThatDisagreeWithTheirOwnVersionAreAMismatchAtOnce() {
        system.clock.advance(Duration.ofMinutes(10));
        system.workersRun();
        Instant now = system.clock.instant();
        system.store.jdbc.sql("UPDATE shifts SET user_id = :user WHERE schedule_id = :id AND starts_at <= :now AND ends_at > :now")
                .param("user", system.cat.id()).param("id", schedule.id()).param("now", Rows.param(now)).update();

        AuditResult result = system.auditor.runOnce();

        assertThat(result.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.SHIFTS_MISMATCH);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(system.eventsApi.events("trigger")).hasSize(1);
    }

    @Test
    void heartbeatLossAndOverdueTimersAreDetected() {
        system.clock.advance(Duration.ofMinutes(3));
        AuditResult silent = system.auditor.runOnce();
        assertThat(silent.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.REGION_SILENT);
        assertThat(silent.exitCode()).isEqualTo(1);
        assertThat(system.eventsApi.events("trigger")).singleElement().satisfies(e ->
                assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/region_silent/test-region"));

        system.heartbeat("worker-2");
        insertTimer(system.clock.instant().minus(Duration.ofMinutes(4)));
        AuditResult overdue = system.auditor.runOnce();
        assertThat(overdue.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.TIMERS_OVERDUE);
        assertThat(system.eventsApi.events("resolve")).singleElement().satisfies(e ->
                assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/region_silent/test-region"));
        assertThat(system.eventsApi.events("trigger")).hasSize(2);
    }

    @Test
    void anUnreachableEventsApiFallsBackToTheWebhook() {
        system.eventsApi.close();
        system.clock.advance(Duration.ofMinutes(3));

        assertThat(system.auditor.runOnce().exitCode()).isEqualTo(1);

        assertThat(system.fallback.events("trigger")).singleElement().satisfies(e -> {
            assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/region_silent/test-region");
            assertThat((String) e.get("text")).contains("No live regional-worker in region test-region");
        });
        assertThat(system.episodes.open()).extracting(Episode::pagedVia).containsExactly(Optional.of("webhook"));
    }

    @Test
    void whenNoChannelTakesThePageTheNextRunTriesAgain() {
        system.eventsApi.answer(503);
        system.fallback.answer(500);
        system.clock.advance(Duration.ofMinutes(3));
        AuditResult failed = system.auditor.runOnce();
        assertThat(failed.pagesFailed()).isEqualTo(1);
        assertThat(system.episodes.open()).singleElement().satisfies(e -> assertThat(e.pagedAt()).isEmpty());

        system.eventsApi.answer(202);
        system.clock.advance(Duration.ofSeconds(60));
        system.auditor.runOnce();

        assertThat(system.eventsApi.events("trigger")).hasSize(1);
    }

    @Test
    void resolvedEpisodesAreForgottenAfterTheRetentionUnlessTheirResolveIsStillOwed() {
        // Episode one: paged and resolved, resolve sent.
        system.clock.advance(Duration.ofMinutes(3));
        system.auditor.runOnce();
        system.heartbeat("worker-2");
        system.auditor.runOnce();
        assertThat(system.eventsApi.events("resolve")).hasSize(1);
        // Episode two: paged, then resolved while no channel takes the resolve.
        system.clock.advance(Duration.ofMinutes(3));
        system.auditor.runOnce();
        system.eventsApi.answer(503);
        system.fallback.answer(500);
        system.heartbeat("worker-2");
        system.auditor.runOnce();
        assertThat(system.episodes.all()).hasSize(2);
        assertThat(system.episodes.open()).isEmpty();

        system.clock.advance(AuditFixture.RETENTION.plusMinutes(1));
        system.workersRun();
        system.auditor.runOnce();

        // The first is forgotten; the second still owes its resolve, and is sent once a channel works.
        assertThat(system.episodes.all()).singleElement()
                .satisfies(e -> assertThat(e.firstSeenAt()).isAfter(START.plus(Duration.ofMinutes(4))));
        assertThat(system.meters.counter("oncall.audit.episodes.pruned").count()).isEqualTo(1);
        system.eventsApi.answer(202);
        system.workersRun();
        system.auditor.runOnce();
        assertThat(system.eventsApi.events("resolve")).hasSize(2);
        system.workersRun();
        system.auditor.runOnce();
        assertThat(system.episodes.all()).isEmpty();
    }

    @Test
    void aCorrectSystemIsNeverPagedAcrossManyRunsAndHandoffs() {
        List<ScheduleInfo> schedules = List.of(schedule, system.hourlySchedule("secondary", 31),
                system.hourlySchedule("tertiary", 58));
        system.workersRun();
        for (int run = 0; run < 50; run++) {
            system.clock.advance(Duration.ofSeconds(97));
            if (run == 20) {
                Instant now = system.clock.instant();
                system.store.overrides.create(schedules.get(1).id(), system.cat.id(), now.plusSeconds(100),
                        now.plusSeconds(1000), Optional.empty());
            }
            system.workersRun();
            system.lookups(schedules);
            AuditResult result = system.auditor.runOnce();
            assertThat(result.findings()).as("run %d at %s", run, system.clock.instant()).isEmpty();
            assertThat(result.exitCode()).isZero();
        }
        assertThat(system.eventsApi.events()).isEmpty();
        assertThat(system.fallback.events()).isEmpty();
        assertThat(system.meters.counter("oncall.audit.schedules.checked").count()).isEqualTo(150);
    }

    private void insertTimer(Instant due) {
        var jdbc = system.store.jdbc;
        UUID policy = system.store.policies.create(system.team.id(), "p", "", 0, List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, system.ann.id())))))
                .id();
        UUID service = system.store.services.create(system.team.id(), "svc", "", policy, dev.oncall.core.user.Urgency.HIGH,
                Optional.empty()).id();
        UUID incident = jdbc.sql("""
                        INSERT INTO incidents (alert_id, service_id, team_id, title, status, urgency, home_region, created_at, updated_at)
                        VALUES (gen_random_uuid(), :service, :team, 't', 'triggered', 'high', :region, :now, :now) RETURNING id""")
                .param("service", service).param("team", system.team.id()).param("region", AuditFixture.REGION)
                .param("now", Rows.param(due)).query(UUID.class).single();
        jdbc.sql("""
                        INSERT INTO escalation_timers (incident_id, step, loop_count, due_at, region, created_at)
                        VALUES (:incident, 0, 0, :due, :region, :due)""")
                .param("incident", incident).param("due", Rows.param(due)).param("region", AuditFixture.REGION).update();
    }
}
