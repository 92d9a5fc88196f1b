package dev.oncall.store.incident;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Escalation;
import dev.oncall.core.incident.EscalationState;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.platform.db.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fires one escalation timer: decides with the core state machine, resolves the step's targets
 * at this instant, and in one transaction claims the timer row ({@code FOR UPDATE SKIP LOCKED}),
 * advances the incident by a conditional update, deletes the timer and writes events,
 * notification intents and the next timer. Safe to call from any number of workers at once for
 * the same timer: exactly one call fires it, the others see it claimed or stale.
 */
public final class EscalationFiring {
    public enum Outcome {
        /** A step paged its targets; the next timer is armed. */
        STEP_FIRED,
        /** The last repeat passed: the team was paged and the incident marked exhausted. */
        EXHAUSTED,
        /** An acknowledgement timed out; the incident is triggered again from step 0. */
        RETRIGGERED,
        /** The timer no longer matched its incident and was dropped without paging. */
        STALE,
        /** Another worker holds or already removed the timer. */
        CLAIMED_ELSEWHERE;

        /** Whether the fire moved its incident on (paged, exhausted, re-triggered). */
        public boolean advanced() {
            return this == STEP_FIRED || this == EXHAUSTED || this == RETRIGGERED;
        }
    }

    static final Actor ENGINE = Actor.system("escalation");

    private final Transactions tx;
    private final Clock clock;
    private final PageResolver resolver;
    private final IncidentEventPublisher publisher;

    public EscalationFiring(Transactions tx, Clock clock, PageResolver resolver, IncidentEventPublisher publisher) {
        this.tx = tx;
        this.clock = clock;
        this.resolver = resolver;
        this.publisher = publisher;
    }

    /** Fires {@code timer}; {@code region} is the firing worker's (intents and the next timer are homed there). */
    public Outcome fire(DueTimer timer, String region) {
        Optional<Incident> loaded = tx.read("escalation.load", db -> IncidentWrites.load(db, timer.incidentId()));
        if (loaded.isEmpty()) {
            return drop(timer);
        }
        Incident incident = loaded.get();
        if (timer.kind() == TimerKind.ACK_TIMEOUT) {
            return retrigger(timer, incident, region);
        }
        // Configuration is read (bounded, or from the snapshot) before the write transaction,
        // which reads none: a slow configuration table never holds the timer row locked.
        Optional<PageResolver.Resolved> resolved = resolver.resolve(timer, incident, clock.instant());
        if (resolved.isEmpty() || resolved.get().page().isEmpty()) {
            return drop(timer);
        }
        EscalationState state = incident.escalationState();
        FireDecision decision = resolved.get().decision();
        Page page = resolved.get().page().get();
        Outcome outcome = tx.write("escalation.fire", db -> {
            if (!claim(db, timer)) {
                return Outcome.CLAIMED_ELSEWHERE;
            }
            boolean applied = Paging.apply(db, incident, state, decision, page, Optional.of(timer.id()), region,
                    ENGINE, Channel.SYSTEM, List.of(), clock.instant());
            if (!applied) {
                deleteTimer(db, timer.id());
                return Outcome.STALE;
            }
            return decision instanceof FireDecision.Exhaust ? Outcome.EXHAUSTED : Outcome.STEP_FIRED;
        });
        if (outcome == Outcome.STEP_FIRED || outcome == Outcome.EXHAUSTED) {
            publisher.publish(incident.teamId());
        }
        return outcome;
    }

    private Outcome retrigger(DueTimer timer, Incident incident, String region) {
        Optional<EscalationState> next = Escalation.ackTimeout(incident.escalationState(), timer.loop());
        if (next.isEmpty()) {
            return drop(timer);
        }
        EscalationState to = next.get();
        Outcome outcome = tx.write("escalation.retrigger", db -> claim(db, timer)
                ? retriggerClaimed(db, timer, incident, to, region, clock.instant()) : Outcome.CLAIMED_ELSEWHERE);
        if (outcome == Outcome.RETRIGGERED) {
            publisher.publish(incident.teamId());
        }
        return outcome;
    }

    /** Re-triggers an acknowledged incident whose timer row this transaction holds; deletes the timer. */
    static Outcome retriggerClaimed(JdbcClient db, DueTimer timer, Incident incident, EscalationState to, String region,
                                    Instant now) {
        Optional<Long> seq = StatusChanges.retrigger(db, incident.id(), timer.loop(), to, now);
        deleteTimer(db, timer.id());
        if (seq.isEmpty()) {
            return Outcome.STALE;
        }
        StatusChanges.alertsFollow(db, incident.id(), StatusCommand.RETRIGGER, now);
        IncidentWrites.insertEvents(db, incident.id(), incident.teamId(), seq.get(), ENGINE, Channel.SYSTEM, now,
                List.of(NewEvent.of(IncidentEventKind.RETRIGGERED).with("reason", "acknowledgement timed out")
                        .with("loop", to.loop())));
        IncidentWrites.insertStepTimer(db, incident.id(), to.step(), to.loop(), now, region, now);
        return Outcome.RETRIGGERED;
    }

    private Outcome drop(DueTimer timer) {
        return tx.write("escalation.drop", db -> claim(db, timer) && deleteTimer(db, timer.id()) > 0
                ? Outcome.STALE : Outcome.CLAIMED_ELSEWHERE);
    }

    /** Locks the timer row for this transaction, or reports that another worker has it (or it is gone). */
    private static boolean claim(JdbcClient db, DueTimer timer) {
        return db.sql("SELECT id FROM escalation_timers WHERE id = :id FOR UPDATE SKIP LOCKED")
                .param("id", timer.id()).query(UUID.class).optional().isPresent();
    }

    static int deleteTimer(JdbcClient db, UUID id) {
        return db.sql("DELETE FROM escalation_timers WHERE id = :id").param("id", id).update();
    }
}
