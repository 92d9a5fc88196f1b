package dev.oncall.store.incident;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Escalation;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.incident.EscalationFiring.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fires a region's due timers a batch at a time, for catching up a backlog and for running
 * without Redis leases: one transaction claims up to {@code limit} of the soonest due timers
 * ({@code FOR UPDATE SKIP LOCKED}, so concurrent sweeps and per-timer fires take disjoint rows),
 * reads their incidents in one statement and advances each through the same conditional update
 * as {@link EscalationFiring}, which is what makes a step fire once. One commit per batch instead
 * of two transactions per timer.
 *
 * <p>The batch's configuration (policies, who is on call, members, contact methods) is read by
 * {@link PageResolver} in one bounded read transaction of its own, on another connection, while
 * this one holds the claimed rows; when it cannot be read in time the batch is resolved from the
 * worker's snapshot. The rows are locked from claim to commit, so the instant is the same either way.
 */
public final class EscalationSweep {
    /** A timer the sweep claimed, and what firing it did. */
    public record Fired(DueTimer timer, Outcome outcome) {
        /** Whether it advanced its incident (paged a step, exhausted, re-triggered) rather than dropped the timer as stale. */
        public boolean advanced() {
            return outcome.advanced();
        }
    }

    /**
     * One batch: how many timers it claimed (fewer than the limit: nothing due was left but rows
     * other transactions hold) and those it fired, at {@code at}.
     */
    public record Batch(int claimed, List<Fired> fired, Instant at) {
        public Batch {
            fired = List.copyOf(fired);
        }
    }

    private final Transactions tx;
    private final Clock clock;
    private final PageResolver resolver;
    private final IncidentEventPublisher publisher;

    public EscalationSweep(Transactions tx, Clock clock, PageResolver resolver, IncidentEventPublisher publisher) {
        this.tx = tx;
        this.clock = clock;
        this.resolver = resolver;
        this.publisher = publisher;
    }

    /** Claims and fires up to {@code limit} timers of {@code region} due now; intents and next timers are homed there. */
    public Batch fireDue(String region, int limit) {
        // The instant is read in each attempt: a batch retried after a serialization failure commits
        // after events that carry later instants, and its own must not precede them.
        Swept swept = tx.write("escalation.sweep", db -> {
            Instant now = clock.instant();
            return fireClaimed(db, claim(db, region, now, limit), region, now);
        });
        swept.teams().forEach(publisher::publish);
        return swept.batch();
    }

    /** A committed batch and the teams whose incidents it moved (to wake their listeners). */
    private record Swept(Batch batch, Set<UUID> teams) {}

    private static List<DueTimer> claim(JdbcClient db, String region, Instant now, int limit) {
        return db.sql("""
                        SELECT * FROM escalation_timers WHERE region = :region AND due_at <= :now
                        ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("region", region).param("now", Rows.param(now)).param("limit", limit)
                .query(DueTimer::map).list();
    }

    private Swept fireClaimed(JdbcClient db, List<DueTimer> claimed, String region, Instant now) {
        if (claimed.isEmpty()) {
            return new Swept(new Batch(0, List.of(), now), Set.of());
        }
        Map<UUID, Incident> incidents = db.sql("SELECT * FROM incidents WHERE id IN (:ids)")
                .param("ids", claimed.stream().map(DueTimer::incidentId).collect(Collectors.toSet()))
                .query(IncidentRows::map).list().stream().collect(Collectors.toMap(Incident::id, Function.identity()));
        Map<UUID, PageResolver.Resolved> resolved = resolver.resolve(firstPerIncident(claimed).stream()
                .filter(t -> t.kind() != TimerKind.ACK_TIMEOUT && incidents.containsKey(t.incidentId()))
                .map(t -> new PageResolver.Firing(t, incidents.get(t.incidentId()))).toList(), now);
        Set<UUID> seen = new HashSet<>();
        List<Fired> fired = new ArrayList<>();
        List<UUID> stale = new ArrayList<>();
        Set<UUID> teams = new LinkedHashSet<>();
        for (DueTimer timer : claimed) {
            // One timer per incident per batch: a second one is decided on a state the first may
            // have moved, so it waits (locked, untouched) for the next batch.
            if (!seen.add(timer.incidentId())) {
                continue;
            }
            Incident incident = incidents.get(timer.incidentId());
            Outcome outcome;
            if (incident == null) {
                outcome = Outcome.STALE;
            } else if (timer.kind() == TimerKind.ACK_TIMEOUT) {
                outcome = Escalation.ackTimeout(incident.escalationState(), timer.loop())
                        .map(to -> EscalationFiring.retriggerClaimed(db, timer, incident, to, region, now))
                        .orElse(Outcome.STALE);
            } else {
                outcome = Optional.ofNullable(resolved.get(timer.id()))
                        .map(r -> page(db, timer, incident, r, region, now)).orElse(Outcome.STALE);
            }
            Fired f = new Fired(timer, outcome);
            if (f.advanced()) {
                teams.add(incident.teamId());
            } else {
                stale.add(timer.id());
            }
            fired.add(f);
        }
        if (!stale.isEmpty()) {
            db.sql("DELETE FROM escalation_timers WHERE id IN (:ids)").param("ids", stale).update();
        }
        return new Swept(new Batch(claimed.size(), fired, now), teams);
    }

    private static Outcome page(JdbcClient db, DueTimer timer, Incident incident, PageResolver.Resolved resolved,
                                String region, Instant now) {
        FireDecision decision = resolved.decision();
        if (resolved.page().isEmpty() || !Paging.apply(db, incident, incident.escalationState(), decision,
                resolved.page().get(), Optional.of(timer.id()), region, EscalationFiring.ENGINE, Channel.SYSTEM,
                List.of(), now)) {
            return Outcome.STALE;
        }
        return decision instanceof FireDecision.Exhaust ? Outcome.EXHAUSTED : Outcome.STEP_FIRED;
    }

    /** The first claimed timer of each incident: the only one a batch fires (see {@link #fireClaimed}). */
    private static List<DueTimer> firstPerIncident(List<DueTimer> claimed) {
        Set<UUID> seen = new HashSet<>();
        return claimed.stream().filter(t -> seen.add(t.incidentId())).toList();
    }
}
