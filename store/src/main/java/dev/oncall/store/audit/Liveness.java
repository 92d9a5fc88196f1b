package dev.oncall.store.audit;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dead man's switch reads: the workers' liveness rows ({@code worker_heartbeats}, written
 * by each regional-worker's liveness report) per region, and overdue escalation timers.
 */
public final class Liveness {
    /** A region's workers: how many reported after {@code since}, and the newest report at all. */
    public record RegionWorkers(String region, int live, Optional<Instant> lastSeen) {}

    /** Timers of a region due before the threshold and still not fired. */
    public record OverdueTimers(String region, int count, Instant oldestDue) {}

    private final Transactions tx;

    public Liveness(Transactions tx) {
        this.tx = tx;
    }

    /** Every region that has liveness rows, with its live worker count. */
    public List<RegionWorkers> workers(Instant liveSince) {
        return tx.read("audit.workers", db -> db.sql("""
                        SELECT region, count(*) FILTER (WHERE last_seen_at > :since) AS live, max(last_seen_at) AS last_seen
                        FROM worker_heartbeats GROUP BY region ORDER BY region""")
                .param("since", Rows.param(liveSince))
                .query((rs, n) -> new RegionWorkers(rs.getString("region"), rs.getInt("live"),
                        Rows.optionalInstant(rs, "last_seen")))
                .list());
    }

    /** Regions with escalation timers due at or before {@code dueBefore}. */
    public List<OverdueTimers> overdueTimers(Instant dueBefore) {
        return tx.read("audit.overdueTimers", db -> db.sql("""
                        SELECT region, count(*) AS n, min(due_at) AS oldest FROM escalation_timers
                        WHERE due_at <= :before GROUP BY region ORDER BY region""")
                .param("before", Rows.param(dueBefore))
                .query((rs, n) -> new OverdueTimers(rs.getString("region"), rs.getInt("n"), Rows.instant(rs, "oldest")))
                .list());
    }
}
