package dev.oncall.store.incident;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Escalation;
import dev.oncall.core.incident.EscalationState;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.escalation.PolicyRepository;
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
    private final Recipients recipients;
    private final IncidentEventPublisher publisher;

    public EscalationFiring(Transactions tx, Clock clock, dev.oncall.store.oncall.OnCallLookup onCall,
                            IncidentEventPublisher publisher) {
        this.tx = tx;
        this.clock = clock;
        this.recipients = new Recipients(onCall);
        this.publisher = publisher;
    }

    /** Fires {@code timer}; {@code region} is the firing worker's (intents and the next timer are homed there). */
    public Outcome fire(DueTimer timer, String region) {
        record Snapshot(Incident incident, Optional<EscalationPolicy> policy) {}
        Optional<Snapshot> snapshot = tx.read("escalation.load", db -> IncidentWrites.load(db, timer.incidentId())
                .map(i -> new Snapshot(i, policyOf(db, i))));
        if (snapshot.isEmpty()) {
            return drop(timer);
        }
        Incident incident = snapshot.get().incident();
        if (timer.kind() == TimerKind.ACK_TIMEOUT) {
            return retrigger(timer, incident, region);
        }
        if (snapshot.get().policy().isEmpty()) {
            return drop(timer);
        }
        EscalationState state = incident.escalationState();
        FireDecision decision = Escalation.fire(state, snapshot.get().policy().get(), timer.step(), timer.loop());
        Recipients.Pending targets;
        switch (decision) {
            case FireDecision.Stale s -> {
                return drop(timer);
            }
            case FireDecision.NotifyStep n -> targets = recipients.targetsOf(n.targets(), clock.instant());
            case FireDecision.Exhaust e -> targets = Recipients.Pending.team(incident.teamId());
        }
        Outcome outcome = tx.write("escalation.fire", db -> {
            if (!claim(db, timer)) {
                return Outcome.CLAIMED_ELSEWHERE;
            }
            boolean applied = Paging.apply(db, incident, state, decision, targets, Optional.of(timer.id()), region,
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

    /** The incident's policy, or its service's current one if that policy was deleted since. */
    static Optional<EscalationPolicy> policyOf(JdbcClient db, Incident incident) {
        Optional<EscalationPolicy> own = incident.policyId().flatMap(p -> PolicyRepository.load(db, p));
        if (own.isPresent()) {
            return own;
        }
        return db.sql("SELECT escalation_policy_id FROM services WHERE id = :id").param("id", incident.serviceId())
                .query(UUID.class).optional().flatMap(p -> PolicyRepository.load(db, p));
    }
}
