package dev.oncall.store.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing an audit run found wrong.
 *
 * @param dedupKey stable for the same problem across runs (never contains the bucket or the
 *                 time), so consecutive runs extend one episode and page once
 * @param region   the region whose state is wrong (the auditor's own for its Redis)
 * @param details  what was expected and what was found, for the page and the logs
 */
public record Finding(FindingKind kind, String dedupKey, String region, Optional<UUID> scheduleId, String summary,
                      Map<String, Object> details) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(summary, "summary");
        details = Map.copyOf(details);
        if (summary.length() > 1024) {
            summary = summary.substring(0, 1021) + "...";
        }
    }

    public static String key(FindingKind kind, String... parts) {
        return "oncall-audit/" + kind.code() + "/" + String.join("/", parts);
    }
}
