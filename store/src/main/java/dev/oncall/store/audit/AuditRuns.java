package dev.oncall.store.audit;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/**
 * The latest audit run of each region. A CronJob is not scraped by Prometheus, so the auditor
 * records its verdict here and graph-api exports it as {@code oncall_audit_last_run_*}.
 */
public final class AuditRuns {
    static final RowMapper<AuditRun> RUN = (rs, n) -> new AuditRun(rs.getString("region"),
            Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), rs.getInt("schedules_checked"),
            rs.getInt("mismatches"), rs.getInt("open_episodes"), rs.getInt("pages_sent"), rs.getBoolean("ok"));

    private final Transactions tx;

    public AuditRuns(Transactions tx) {
        this.tx = tx;
    }

    public void record(AuditRun run) {
        tx.write("audit.recordRun", db -> db.sql("""
                        INSERT INTO audit_runs (region, started_at, finished_at, schedules_checked, mismatches,
                                                open_episodes, pages_sent, ok)
                        VALUES (:region, :started, :finished, :checked, :mismatches, :open, :pages, :ok)
                        ON CONFLICT (region) DO UPDATE SET started_at = excluded.started_at,
                            finished_at = excluded.finished_at, schedules_checked = excluded.schedules_checked,
                            mismatches = excluded.mismatches, open_episodes = excluded.open_episodes,
                            pages_sent = excluded.pages_sent, ok = excluded.ok""")
                .param("region", run.region()).param("started", Rows.param(run.startedAt()))
                .param("finished", Rows.param(run.finishedAt())).param("checked", run.schedulesChecked())
                .param("mismatches", run.mismatches()).param("open", run.openEpisodes()).param("pages", run.pagesSent())
                .param("ok", run.ok()).update());
    }

    /** The latest run of every region, by region. */
    public List<AuditRun> latest() {
        return tx.read("audit.latestRuns", db -> db.sql("SELECT * FROM audit_runs ORDER BY region").query(RUN).list());
    }
}
