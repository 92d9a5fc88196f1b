package dev.oncall.worker.liveness;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This worker's liveness, as every region sees it: an upserted worker_heartbeats row every
 * {@code interval} (the table, the metric and the settings keep the word "heartbeat", which in
 * the code means customers' heartbeat monitors). A region whose rows all stop being refreshed is
 * silent, and other regions adopt its timers. Also publishes, per region, the age of the newest
 * report and how many workers are live, so an operator sees a region going quiet before
 * adoption starts.
 */
public final class WorkerLiveness {
    private final Transactions tx;
    private final String workerId;
    private final String region;
    private final String hostname;
    private final String version;
    private final Duration interval;
    private final Duration grace;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> ageSeconds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> live = new ConcurrentHashMap<>();
    private Instant startedAt;
    private Instant lastBeat;

    public WorkerLiveness(Transactions tx, String workerId, String region, String hostname, String version,
                      Duration interval, Duration grace, MeterRegistry meters) {
        this.tx = tx;
        this.workerId = workerId;
        this.region = region;
        this.hostname = hostname;
        this.version = version;
        this.interval = interval;
        this.grace = grace;
        this.meters = meters;
    }

    public String workerId() {
        return workerId;
    }

    /** Writes the liveness row if {@code interval} has passed since the last write (or none was written). */
    public synchronized void beatIfDue(Instant now) {
        if (lastBeat != null && now.isBefore(lastBeat.plus(interval)) && !now.isBefore(lastBeat)) {
            return;
        }
        if (startedAt == null) {
            startedAt = now;
        }
        tx.write("heartbeat.beat", db -> db.sql("""
                        INSERT INTO worker_heartbeats (worker_id, region, hostname, version, started_at, last_seen_at)
                        VALUES (:id, :region, :host, :version, :started, :now)
                        ON CONFLICT (worker_id) DO UPDATE SET region = excluded.region, hostname = excluded.hostname,
                            version = excluded.version, last_seen_at = excluded.last_seen_at""")
                .param("id", workerId).param("region", region).param("host", hostname).param("version", version)
                .param("started", Rows.param(startedAt)).param("now", Rows.param(now)).update());
        lastBeat = now;
        refreshGauges(now);
    }

    private void refreshGauges(Instant now) {
        record RegionLiveness(String region, Instant newest, long live) {}
        List<RegionLiveness> regions = tx.read("heartbeat.liveness", db -> db.sql("""
                        SELECT region, max(last_seen_at) AS newest,
                               sum(CASE WHEN last_seen_at > :since THEN 1 ELSE 0 END) AS live
                        FROM worker_heartbeats GROUP BY region""")
                .param("since", Rows.param(now.minus(grace)))
                .query((rs, n) -> new RegionLiveness(rs.getString("region"), Rows.instant(rs, "newest"),
                        rs.getLong("live"))).list());
        for (RegionLiveness r : regions) {
            gauge(ageSeconds, "oncall.worker.heartbeat.age", "seconds", r.region())
                    .set(Math.max(0, Duration.between(r.newest(), now).toSeconds()));
            gauge(live, "oncall.workers.live", null, r.region()).set(r.live());
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String unit, String workerRegion) {
        return values.computeIfAbsent(workerRegion, r -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("worker_region", r).baseUnit(unit).register(meters);
            return value;
        });
    }
}
