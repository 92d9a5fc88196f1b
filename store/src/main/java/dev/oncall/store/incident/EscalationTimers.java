package dev.oncall.store.incident;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The escalation engine's reads of pending timers: its own region's, and silent regions' overdue ones. */
public final class EscalationTimers {
    private final Transactions tx;

    public EscalationTimers(Transactions tx) {
        this.tx = tx;
    }

    /** Timers of {@code region} due at or before {@code until}, soonest first. */
    public List<DueTimer> dueBy(String region, Instant until, int limit) {
        return tx.read("timers.due", db -> db.sql("""
                        SELECT * FROM escalation_timers WHERE region = :region AND due_at <= :until
                        ORDER BY due_at LIMIT :limit""")
                .param("region", region).param("until", Rows.param(until)).param("limit", limit)
                .query(DueTimer::map).list());
    }

    /**
     * Overdue timers of other regions none of whose workers has sent a heartbeat for
     * {@code grace}: their workers are gone, so someone else must fire them.
     */
    public List<DueTimer> adoptable(String myRegion, Instant now, Duration grace, int limit) {
        return tx.read("timers.adoptable", db -> db.sql("""
                        SELECT t.* FROM escalation_timers t
                        WHERE t.region <> :me AND t.due_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h
                                          WHERE h.region = t.region AND h.last_seen_at > :silentSince)
                        ORDER BY t.due_at LIMIT :limit""")
                .param("me", myRegion).param("now", Rows.param(now))
                .param("silentSince", Rows.param(now.minus(grace))).param("limit", limit)
                .query(DueTimer::map).list());
    }

    /** Unfired timers of {@code region} whose time has passed. */
    public long overdue(String region, Instant now) {
        return tx.read("timers.overdue", db -> db.sql(
                        "SELECT count(*) FROM escalation_timers WHERE region = :region AND due_at < :now")
                .param("region", region).param("now", Rows.param(now)).query(Long.class).single());
    }

    /** Pending timers per region (for the load harness and operators). */
    public Map<String, Long> pendingByRegion() {
        return tx.read("timers.pending", db -> db.sql("SELECT region, count(*) AS n FROM escalation_timers GROUP BY region")
                .query((rs, n) -> Map.entry(rs.getString("region"), rs.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
