package dev.oncall.auditor.check;

import dev.oncall.store.audit.Finding;
import dev.oncall.store.audit.FindingKind;
import dev.oncall.store.audit.Liveness.OverdueTimers;
import dev.oncall.store.audit.Liveness.RegionWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The dead man's switch: a region whose workers all stopped heartbeating, or whose escalation
 * timers sit unfired past the threshold, is paged about by every region's auditor (the silent
 * region's own auditor may be down with it).
 */
public final class LivenessCheck {
    private LivenessCheck() {}

    /**
     * @param expectedRegions regions that must have live workers even if none ever heartbeat
     * @param workers         every region seen in the heartbeats
     */
    public static List<Finding> check(List<String> expectedRegions, List<RegionWorkers> workers,
                                      List<OverdueTimers> overdue, Duration silence, Instant now) {
        Map<String, RegionWorkers> byRegion = new LinkedHashMap<>();
        workers.forEach(w -> byRegion.put(w.region(), w));
        TreeSet<String> regions = new TreeSet<>(expectedRegions);
        regions.addAll(byRegion.keySet());
        List<Finding> findings = new ArrayList<>();
        for (String region : regions) {
            RegionWorkers w = byRegion.getOrDefault(region, new RegionWorkers(region, 0, Optional.empty()));
            if (w.live() > 0) {
                continue;
            }
            String last = w.lastSeen().map(t -> "the last heartbeat was at " + t + ", "
                    + Duration.between(t, now).toSeconds() + " s ago").orElse("no worker has ever heartbeat");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("region", region);
            details.put("silence_threshold_seconds", silence.toSeconds());
            details.put("last_heartbeat", w.lastSeen().map(Instant::toString).orElse("never"));
            findings.add(new Finding(FindingKind.REGION_SILENT, Finding.key(FindingKind.REGION_SILENT, region), region,
                    Optional.empty(), "No live regional-worker in region " + region + " for " + silence.toSeconds()
                    + " s: " + last + ". Its escalations are not firing.", details));
        }
        for (OverdueTimers t : overdue) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("region", t.region());
            details.put("overdue_timers", t.count());
            details.put("oldest_due_at", t.oldestDue().toString());
            findings.add(new Finding(FindingKind.TIMERS_OVERDUE, Finding.key(FindingKind.TIMERS_OVERDUE, t.region()),
                    t.region(), Optional.empty(), t.count() + " escalation timer(s) of region " + t.region()
                    + " are overdue, the oldest due at " + t.oldestDue() + " (" + Duration.between(t.oldestDue(), now).toSeconds()
                    + " s ago)", details));
        }
        return findings;
    }
}
