package dev.oncall.store.audit;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mismatch episodes: what turns "the same problem seen by many runs" into one page and one
 * resolve. Paging and resolving are claimed by conditional updates before the event is sent
 * (and released again if it could not be sent), so two auditors running at once, in one
 * region or in several, never page twice for one episode.
 */
public final class AuditEpisodes {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final RowMapper<Episode> EPISODE = (rs, n) -> new Episode(Rows.uuid(rs, "id"), rs.getString("dedup_key"),
            FindingKind.parse(rs.getString("kind")), rs.getString("region"),
            Optional.ofNullable(Rows.uuid(rs, "schedule_id")), rs.getString("summary"), rs.getString("details"),
            Rows.instant(rs, "first_seen_at"), Rows.instant(rs, "last_seen_at"), Rows.optionalInstant(rs, "paged_at"),
            Optional.ofNullable(rs.getString("paged_via")), Rows.optionalInstant(rs, "resolved_at"));

    /** What a run must send after reconciling: pages for episodes now due, resolves for ended ones. */
    public record Reconciliation(List<Episode> toPage, List<Episode> toResolve, List<Episode> open) {}

    private final Transactions tx;

    public AuditEpisodes(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Records a run's findings at {@code now}: extends or opens an episode per finding, and ends
     * every open episode this run was able to judge ({@code judged}) but did not see again.
     * Claims the pages of open episodes whose grace ({@code grace} by kind, from the first
     * sighting) has passed and that were not paged yet, and the resolves of ended episodes that
     * had been paged.
     */
    public Reconciliation reconcile(List<Finding> findings, Predicate<Episode> judged,
                                    Function<FindingKind, Duration> grace, Instant at) {
        // Stored instants have microseconds; "now" must compare with them at that precision.
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        return tx.write("audit.reconcile", db -> {
            Map<String, Episode> open = new HashMap<>();
            db.sql("SELECT * FROM audit_episodes WHERE resolved_at IS NULL").query(EPISODE).list()
                    .forEach(e -> open.put(e.dedupKey(), e));
            Map<String, Finding> seen = new HashMap<>();
            for (Finding f : findings) {
                seen.putIfAbsent(f.dedupKey(), f);
            }
            for (Finding f : seen.values()) {
                String details = JSON.writeValueAsString(f.details());
                if (open.containsKey(f.dedupKey())) {
                    db.sql("""
                                    UPDATE audit_episodes SET last_seen_at = :now, summary = :summary, details = CAST(:details AS JSONB)
                                    WHERE id = :id""")
                            .param("now", Rows.param(now)).param("summary", f.summary()).param("details", details)
                            .param("id", open.get(f.dedupKey()).id()).update();
                } else {
                    db.sql("""
                                    INSERT INTO audit_episodes (dedup_key, kind, region, schedule_id, summary, details,
                                                                first_seen_at, last_seen_at)
                                    VALUES (:key, :kind, :region, :schedule, :summary, CAST(:details AS JSONB), :now, :now)
                                    ON CONFLICT (dedup_key) WHERE resolved_at IS NULL DO NOTHING""")
                            .param("key", f.dedupKey()).param("kind", f.kind().code()).param("region", f.region())
                            .param("schedule", f.scheduleId().orElse(null), Types.OTHER).param("summary", f.summary())
                            .param("details", details).param("now", Rows.param(now)).update();
                }
            }
            for (Episode e : open.values()) {
                if (!seen.containsKey(e.dedupKey()) && judged.test(e)) {
                    db.sql("UPDATE audit_episodes SET resolved_at = :now WHERE id = :id AND resolved_at IS NULL")
                            .param("now", Rows.param(now)).param("id", e.id()).update();
                }
            }
            List<Episode> toPage = new ArrayList<>();
            List<Episode> stillOpen = db.sql("SELECT * FROM audit_episodes WHERE resolved_at IS NULL ORDER BY first_seen_at, id")
                    .query(EPISODE).list();
            for (Episode e : stillOpen) {
                boolean due = !e.firstSeenAt().plus(grace.apply(e.kind())).isAfter(now);
                if (due && e.pagedAt().isEmpty() && db.sql("""
                                UPDATE audit_episodes SET paged_at = :now WHERE id = :id AND paged_at IS NULL""")
                        .param("now", Rows.param(now)).param("id", e.id()).update() == 1) {
                    toPage.add(e);
                }
            }
            List<Episode> toResolve = new ArrayList<>();
            for (Episode e : db.sql("""
                            SELECT * FROM audit_episodes
                            WHERE resolved_at IS NOT NULL AND paged_at IS NOT NULL AND paged_via IS NOT NULL
                              AND resolve_sent_at IS NULL""").query(EPISODE).list()) {
                if (db.sql("UPDATE audit_episodes SET resolve_sent_at = :now WHERE id = :id AND resolve_sent_at IS NULL")
                        .param("now", Rows.param(now)).param("id", e.id()).update() == 1) {
                    toResolve.add(e);
                }
            }
            return new Reconciliation(toPage, toResolve, stillOpen);
        });
    }

    /** The page went out through {@code channel}. */
    public void paged(UUID episodeId, String channel) {
        tx.write("audit.paged", db -> db.sql("UPDATE audit_episodes SET paged_via = :via WHERE id = :id")
                .param("via", channel).param("id", episodeId).update());
    }

    /** No channel took the page: release the claim so the next run tries again. */
    public void pageFailed(UUID episodeId) {
        tx.write("audit.pageFailed", db -> db.sql("UPDATE audit_episodes SET paged_at = NULL WHERE id = :id AND paged_via IS NULL")
                .param("id", episodeId).update());
    }

    /** No channel took the resolve: release the claim so the next run tries again. */
    public void resolveFailed(UUID episodeId) {
        tx.write("audit.resolveFailed", db -> db.sql("UPDATE audit_episodes SET resolve_sent_at = NULL WHERE id = :id")
                .param("id", episodeId).update());
    }

    /**
     * Forgets episodes resolved before {@code before}, except a paged one whose resolve has not
     * gone out yet (the next run still owes it). Returns how many were deleted.
     */
    public int prune(Instant before) {
        return tx.write("audit.prune", db -> db.sql("""
                        DELETE FROM audit_episodes
                        WHERE resolved_at < :before AND (paged_at IS NULL OR resolve_sent_at IS NOT NULL)""")
                .param("before", Rows.param(before)).update());
    }

    public List<Episode> open() {
        return tx.read("audit.open", db -> db.sql("SELECT * FROM audit_episodes WHERE resolved_at IS NULL ORDER BY first_seen_at, id")
                .query(EPISODE).list());
    }

    public List<Episode> all() {
        return tx.read("audit.all", db -> db.sql("SELECT * FROM audit_episodes ORDER BY first_seen_at, id")
                .query(EPISODE).list());
    }
}
