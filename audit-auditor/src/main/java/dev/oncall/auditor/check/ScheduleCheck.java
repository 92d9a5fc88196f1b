package dev.oncall.auditor.check;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.Segment;
import dev.oncall.store.audit.Finding;
import dev.oncall.store.audit.FindingKind;
import dev.oncall.store.audit.ScheduleSnapshot;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.shift.MaterializationState;
import dev.oncall.store.shift.StoredShift;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One schedule, for the audited buckets: (a) the cached segments, (b) the materialized shifts
 * and (c) a fresh evaluation of its configuration by the core engine must agree. Pure: the
 * caller reads the inputs and acts on the result.
 */
public final class ScheduleCheck {
    /** A cache entry to overwrite with the engine's segments. */
    public record Repair(BucketKey key, List<Segment> segments) {}

    /** What was found about one schedule. */
    public record Result(List<Finding> findings, List<Repair> repairs) {}

    private ScheduleCheck() {}

    /**
     * @param cached the cache entries of the buckets at the schedule's version; empty when
     *               Redis could not be read (the cache is then not judged)
     */
    public static Result check(ScheduleSnapshot snapshot, List<Instant> buckets,
                               Optional<Map<BucketKey, CachedBucket>> cached, String region) {
        ScheduleInfo info = snapshot.schedule().info();
        Schedule schedule = snapshot.schedule().toSchedule();
        Map<Instant, List<Segment>> expected = new LinkedHashMap<>();
        for (Instant bucket : buckets) {
            expected.put(bucket, OnCallBuckets.render(schedule, bucket));
        }
        List<Finding> findings = new java.util.ArrayList<>();
        List<Repair> repairs = new java.util.ArrayList<>();
        cached.ifPresent(entries -> checkCache(info, expected, entries, region, findings, repairs));
        checkShifts(info, schedule, snapshot, buckets, region, findings);
        return new Result(findings, repairs);
    }

    private static void checkCache(ScheduleInfo info, Map<Instant, List<Segment>> expected,
                                   Map<BucketKey, CachedBucket> entries, String region, List<Finding> findings,
                                   List<Repair> repairs) {
        Finding first = null;
        for (Map.Entry<Instant, List<Segment>> e : expected.entrySet()) {
            BucketKey key = new BucketKey(info.id(), info.version(), e.getKey());
            CachedBucket entry = entries.getOrDefault(key, new CachedBucket.Absent());
            String found = switch (entry) {
                case CachedBucket.Present p when p.segments().equals(e.getValue()) -> null;
                case CachedBucket.Present p -> Segments.describe(p.segments());
                case CachedBucket.Corrupt c -> "an unreadable entry " + abbreviate(c.raw());
                case CachedBucket.Absent a -> null;
            };
            if (found == null) {
                continue;
            }
            repairs.add(new Repair(key, e.getValue()));
            if (first == null) {
                String expectedText = Segments.describe(e.getValue());
                first = new Finding(FindingKind.CACHE_MISMATCH, Finding.key(FindingKind.CACHE_MISMATCH, region, info.id().toString()),
                        region, Optional.of(info.id()),
                        "On-call cache in " + region + " disagrees with schedule \"" + info.name() + "\" (" + info.id()
                                + ", version " + info.version() + ") for bucket " + e.getKey() + ": expected " + expectedText
                                + ", found " + found + " (repaired)",
                        details(info, e.getKey(), expectedText, found));
            }
        }
        if (first != null) {
            findings.add(first);
        }
    }

    private static void checkShifts(ScheduleInfo info, Schedule schedule, ScheduleSnapshot snapshot, List<Instant> buckets,
                                    String region, List<Finding> findings) {
        Optional<MaterializationState> state = snapshot.materialization();
        if (state.isEmpty() || state.get().configVersion() < info.version()) {
            String materialized = state.filter(s -> s.configVersion() > 0)
                    .map(s -> "version " + s.configVersion()).orElse("never");
            Map<String, Object> details = details(info, buckets.get(0), "shifts from version " + info.version(),
                    "shifts from " + materialized);
            findings.add(new Finding(FindingKind.SHIFTS_STALE, Finding.key(FindingKind.SHIFTS_STALE, info.id().toString()),
                    region, Optional.of(info.id()), "Materialized shifts of schedule \"" + info.name() + "\" (" + info.id()
                    + ") are stale: configuration is at version " + info.version() + ", shifts were materialized from "
                    + materialized + "; are the regional workers running?", details));
            return;
        }
        MaterializationState m = state.get();
        Instant windowStart = buckets.get(0);
        Instant windowEnd = OnCallBuckets.end(buckets.get(buckets.size() - 1));
        // Before the last materialization the shifts are history, computed from older versions.
        Instant from = m.from().filter(f -> f.isAfter(windowStart)).orElse(windowStart);
        Instant to = m.horizonEnd().filter(h -> h.isBefore(windowEnd)).orElse(windowEnd);
        if (!to.isAfter(from)) {
            return;
        }
        List<Segment> expected = ScheduleEngine.render(schedule, from, to).segments();
        List<Segment> found = ShiftTimeline.segments(snapshot.shifts().stream().map(StoredShift::shift).toList(), from, to);
        if (!expected.equals(found)) {
            String expectedText = Segments.describe(expected);
            String foundText = Segments.describe(found);
            findings.add(new Finding(FindingKind.SHIFTS_MISMATCH, Finding.key(FindingKind.SHIFTS_MISMATCH, info.id().toString()),
                    region, Optional.of(info.id()), "Materialized shifts of schedule \"" + info.name() + "\" (" + info.id()
                    + ", version " + info.version() + ") disagree with its configuration in [" + from + ", " + to
                    + "): expected " + expectedText + ", found " + foundText, details(info, from, expectedText, foundText)));
        }
    }

    private static Map<String, Object> details(ScheduleInfo info, Instant bucket, String expected, String found) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schedule_id", info.id().toString());
        d.put("schedule_name", info.name());
        d.put("config_version", info.version());
        d.put("bucket_start", bucket.toString());
        d.put("expected", expected);
        d.put("found", found);
        return d;
    }

    private static String abbreviate(String raw) {
        String oneLine = raw.replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine) + "\"";
    }
}
