package dev.oncall.store.schedule;

import dev.oncall.store.version.ConfigurationVersion;
import static dev.oncall.store.schedule.ScheduleRows.bump;
import static dev.oncall.store.schedule.ScheduleRows.info;
import static dev.oncall.store.schedule.ScheduleRows.orEmpty;

import dev.oncall.core.cover.CoverRequestStatus;
import dev.oncall.core.schedule.CoverRequestRules;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cover requests: asking, claiming and cancelling, by the rules of {@link CoverRequestRules}
 * and {@link CoverRequestStatus}, each checked inside the writing transaction against the
 * configuration it writes over.
 */
public final class CoverRequests {
    /** A {@code coverage_requests} row. */
    public static final RowMapper<StoredCoverRequest> ROW = (rs, n) -> new StoredCoverRequest(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "schedule_id"), Rows.uuid(rs, "requester"), Rows.instant(rs, "starts_at"),
            Rows.instant(rs, "ends_at"), rs.getString("reason"), status(rs.getString("status")),
            Optional.ofNullable(Rows.uuid(rs, "claimed_by")), Rows.optionalInstant(rs, "claimed_at"));

    private final Transactions tx;

    public CoverRequests(Transactions tx) {
        this.tx = tx;
    }

    public StoredCoverRequest request(UUID scheduleId, UUID requester, Instant start, Instant end, String reason) {
        Problems problems = new Problems();
        CoverRequestRules.checkRequest(problems, start, end, reason);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "schedule.requestCoverage", db -> {
            ScheduleInfo info = bump(db, scheduleId, null);
            TeamMembership.checkMember(db, info.teamId(), requester, "requester");
            int overlapping = db.sql("""
                            SELECT count(*) FROM coverage_requests WHERE schedule_id = :id AND requester = :user
                            AND status <> 'cancelled' AND starts_at < :end AND ends_at > :start""")
                    .param("id", scheduleId).param("user", requester).param("start", Rows.param(start))
                    .param("end", Rows.param(end)).query(Integer.class).single();
            CoverRequestRules.checkNoOverlap(overlapping);
            CoverRequestRules.checkRequesterOnCall(ScheduleLoader.load(db, scheduleId, start, end).orElseThrow().toSchedule(),
                    UserRef.of(requester), start, end);
            UUID id = db.sql("""
                            INSERT INTO coverage_requests (schedule_id, requester, starts_at, ends_at, reason)
                            VALUES (:schedule, :user, :start, :end, :reason) RETURNING id""")
                    .param("schedule", scheduleId).param("user", requester).param("start", Rows.param(start))
                    .param("end", Rows.param(end)).param("reason", orEmpty(reason)).query(UUID.class).single();
            return new StoredCoverRequest(id, scheduleId, requester, start, end, orEmpty(reason), CoverRequestStatus.OPEN,
                    Optional.empty(), Optional.empty());
        });
    }

    /**
     * Claims an open cover request for {@code claimer}. Exactly one of several people claiming
     * at once wins: the claim is a conditional update on {@code status = 'open'}.
     */
    public StoredCoverRequest claim(UUID requestId, UUID claimer, Instant at) {
        return ConfigurationVersion.write(tx, "schedule.claimCoverage", db -> {
            StoredCoverRequest c = find(db, requestId).orElseThrow(() -> ValidationException.of("id", "no such cover request"));
            ScheduleInfo info = info(db, c.scheduleId());
            TeamMembership.checkMember(db, info.teamId(), claimer, "claimer");
            CoverRequestRules.checkClaimer(c.requester(), claimer);
            int n = db.sql("""
                            UPDATE coverage_requests SET status = 'claimed', claimed_by = :claimer, claimed_at = :at
                            WHERE id = :id AND status = 'open'""")
                    .param("claimer", claimer).param("at", Rows.param(at)).param("id", requestId).update();
            if (n == 0) {
                throw c.status().claimRefusal();
            }
            bump(db, c.scheduleId(), null);
            return find(db, requestId).orElseThrow();
        });
    }

    public StoredCoverRequest cancel(UUID requestId) {
        return ConfigurationVersion.write(tx, "schedule.cancelCoverage", db -> {
            StoredCoverRequest c = find(db, requestId).orElseThrow(() -> ValidationException.of("id", "no such cover request"));
            int n = db.sql("UPDATE coverage_requests SET status = 'cancelled' WHERE id = :id AND status = 'open'")
                    .param("id", requestId).update();
            if (n == 0) {
                throw c.status().cancelRefusal();
            }
            bump(db, c.scheduleId(), null);
            return find(db, requestId).orElseThrow();
        });
    }

    public Optional<StoredCoverRequest> find(UUID id) {
        return tx.read("schedule.findCoverage", db -> find(db, id));
    }

    /** The schedule's requests touching [from, to), cancelled ones included, by start. */
    public List<StoredCoverRequest> between(UUID scheduleId, Instant from, Instant to) {
        return tx.read("schedule.coverages", db -> db.sql("""
                        SELECT * FROM coverage_requests WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at, id""")
                .param("id", scheduleId).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(ROW).list());
    }

    private static Optional<StoredCoverRequest> find(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM coverage_requests WHERE id = :id").param("id", id).query(ROW).optional();
    }

    private static CoverRequestStatus status(String code) {
        return CoverRequestStatus.parse(code).orElseThrow(
                () -> new IllegalStateException("unknown stored cover request status " + code));
    }
}
