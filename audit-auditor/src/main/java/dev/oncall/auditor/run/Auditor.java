package dev.oncall.auditor.run;

import dev.oncall.auditor.check.LivenessCheck;
import dev.oncall.auditor.check.ScheduleCheck;
import dev.oncall.auditor.page.PageEvent;
import dev.oncall.auditor.page.Pager;
import dev.oncall.store.audit.AuditEpisodes;
import dev.oncall.store.audit.AuditEpisodes.Reconciliation;
import dev.oncall.store.audit.AuditRun;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.store.audit.Episode;
import dev.oncall.store.audit.Finding;
import dev.oncall.store.audit.FindingKind;
import dev.oncall.store.audit.Liveness;
import dev.oncall.store.audit.ScheduleSnapshot;
import dev.oncall.store.audit.ScheduleSnapshots;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.oncall.OnCallCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit pass: every schedule for the current and the next bucket (cache, materialized
 * shifts and the engine must agree), then the dead man's switch; findings become episodes,
 * episodes become one page each (and a resolve when they end), wrong cache entries are
 * repaired, and the run is recorded.
 */
public final class Auditor {
    private static final Logger log = LoggerFactory.getLogger(Auditor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The settings a run needs. */
    public record Settings(String region, List<String> expectedRegions, int pageSize, Duration materializationGrace,
                           Duration workerSilence, Duration timerOverdue, Duration episodeRetention) {}

    private final ScheduleSnapshots snapshots;
    private final OnCallCache cache;
    private final Liveness liveness;
    private final AuditEpisodes episodes;
    private final AuditRuns runs;
    private final Pager pager;
    private final Settings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public Auditor(ScheduleSnapshots snapshots, OnCallCache cache, Liveness liveness, AuditEpisodes episodes, AuditRuns runs,
                   Pager pager, Settings settings, Clock clock, MeterRegistry meters) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.liveness = liveness;
        this.episodes = episodes;
        this.runs = runs;
        this.pager = pager;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    public AuditResult runOnce() {
        Timer.Sample sample = Timer.start(meters);
        // The database keeps microseconds: instants compared with stored ones must be at that precision.
        Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant bucket = OnCallBuckets.start(started);
        List<Instant> buckets = List.of(bucket, OnCallBuckets.end(bucket));
        Instant windowEnd = OnCallBuckets.end(buckets.get(1));

        List<Finding> findings = new ArrayList<>();
        int checked = 0;
        int repairs = 0;
        boolean cacheChecked = true;
        Optional<UUID> after = Optional.empty();
        do {
            ScheduleSnapshots.Page page = snapshots.page(after, settings.pageSize(), bucket, windowEnd);
            List<BucketKey> keys = new ArrayList<>();
            for (ScheduleSnapshot s : page.snapshots()) {
                buckets.forEach(b -> keys.add(new BucketKey(s.schedule().info().id(), s.schedule().info().version(), b)));
            }
            Optional<Map<BucketKey, CachedBucket>> cached = cache.getAll(keys);
            cacheChecked &= cached.isPresent();
            for (ScheduleSnapshot s : page.snapshots()) {
                ScheduleCheck.Result result;
                try {
                    result = ScheduleCheck.check(s, buckets, cached, settings.region());
                } catch (RuntimeException e) {
                    // A schedule the engine refuses is the API's bug to fix, not a reason to stop auditing the rest.
                    meters.counter("oncall.audit.errors").increment();
                    log.error("audit could not evaluate schedule {}: {}", s.schedule().info().id(), e.toString());
                    continue;
                }
                findings.addAll(result.findings());
                for (ScheduleCheck.Repair r : result.repairs()) {
                    repairs += cache.put(r.key(), r.segments()) ? 1 : 0;
                }
                checked++;
            }
            after = page.next();
        } while (after.isPresent());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        findings.addAll(LivenessCheck.check(expectedRegions(), liveness.workers(now.minus(settings.workerSilence())),
                liveness.overdueTimers(now.minus(settings.timerOverdue())), settings.workerSilence(), now));

        boolean cacheJudged = cacheChecked;
        Reconciliation reconciliation = episodes.reconcile(findings,
                e -> e.kind() != FindingKind.CACHE_MISMATCH || (cacheJudged && e.region().equals(settings.region())),
                this::grace, now);
        int sent = 0;
        int failed = 0;
        for (Episode e : reconciliation.toPage()) {
            Optional<String> via = pager.deliver(event(PageEvent.Action.TRIGGER, e));
            if (via.isPresent()) {
                episodes.paged(e.id(), via.get());
                meters.counter("oncall.audit.pages", "action", "trigger", "channel", via.get()).increment();
                sent++;
            } else {
                episodes.pageFailed(e.id());
                failed++;
            }
        }
        for (Episode e : reconciliation.toResolve()) {
            Optional<String> via = pager.deliver(event(PageEvent.Action.RESOLVE, e));
            if (via.isPresent()) {
                meters.counter("oncall.audit.pages", "action", "resolve", "channel", via.get()).increment();
            } else {
                episodes.resolveFailed(e.id());
                failed++;
            }
        }
        int pruned = episodes.prune(now.minus(settings.episodeRetention()));
        if (pruned > 0) {
            meters.counter("oncall.audit.episodes.pruned").increment(pruned);
            log.info("forgot {} audit episodes resolved more than {} ago", pruned, settings.episodeRetention());
        }
        Map<String, Episode> open = new HashMap<>();
        reconciliation.open().forEach(e -> open.put(e.dedupKey(), e));
        int mismatches = 0;
        for (Finding f : findings) {
            Episode e = open.get(f.dedupKey());
            boolean due = e == null || !e.firstSeenAt().plus(grace(f.kind())).isAfter(now);
            if (due) {
                mismatches++;
                meters.counter("oncall.audit.mismatches", "kind", f.kind().code()).increment();
                log.error("audit mismatch {}: {}", f.dedupKey(), f.summary());
            } else {
                log.warn("audit finding within its grace {}: {}", f.dedupKey(), f.summary());
            }
        }
        meters.counter("oncall.audit.schedules.checked").increment(checked);
        sample.stop(meters.timer("oncall.audit.duration"));
        AuditResult result = new AuditResult(checked, List.copyOf(findings), mismatches, repairs, sent, failed, cacheChecked);
        runs.record(new AuditRun(settings.region(), started, clock.instant().truncatedTo(ChronoUnit.MICROS), checked, mismatches,
                reconciliation.open().size(), sent, result.exitCode() == 0));
        log.info("audit run: {} schedules checked, {} mismatches, {} cache entries repaired, {} pages sent{}", checked,
                mismatches, repairs, sent, cacheChecked ? "" : " (Redis unavailable: cache not checked)");
        return result;
    }

    private List<String> expectedRegions() {
        return settings.expectedRegions().isEmpty() ? List.of(settings.region()) : settings.expectedRegions();
    }

    private Duration grace(FindingKind kind) {
        return kind == FindingKind.SHIFTS_STALE ? settings.materializationGrace() : Duration.ZERO;
    }

    private PageEvent event(PageEvent.Action action, Episode e) {
        Map<String, Object> details = JSON.readValue(e.detailsJson(), new TypeReference<Map<String, Object>>() {});
        details = new HashMap<>(details);
        details.put("first_seen_at", e.firstSeenAt().toString());
        details.put("last_seen_at", e.lastSeenAt().toString());
        return new PageEvent(action, e.dedupKey(), e.summary(), e.kind().code(), e.region(), details);
    }
}
