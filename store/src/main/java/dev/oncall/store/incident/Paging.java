package dev.oncall.store.incident;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.EscalationState;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.NotificationPlan.Planned;
import dev.oncall.core.incident.StatusCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies a step page or the exhaustion page inside the caller's transaction. The incident
 * moves only through a conditional update on exactly the state the decision was made from
 * (status, armed step and loop): if anything else moved it first, nothing is written and the
 * caller learns so. This update, not any lease, is what makes each step fire once.
 */
final class Paging {
    private Paging() {}

    /**
     * @param expected  the state the decision was made from
     * @param page      who the page reaches and how, resolved before (outside or inside this transaction)
     * @param timerId   the timer being fired (deleted with the page); empty for a manual escalation,
     *                  which deletes every pending timer of the incident instead
     * @param leading   events to record before the page's own (e.g. "escalated")
     * @return whether the page was applied
     */
    static boolean apply(JdbcClient db, Incident incident, EscalationState expected, FireDecision decision,
                         Page page, Optional<UUID> timerId, String region, Actor actor,
                         Channel channel, List<NewEvent> leading, Instant now) {
        List<UUID> users = page.users();
        Map<UUID, List<Planned>> plans = page.plans();
        List<NewEvent> events = new ArrayList<>(leading);
        EscalationState next;
        List<IncidentWrites.Intent> intents;
        switch (decision) {
            case FireDecision.NotifyStep n -> {
                next = n.next();
                intents = Recipients.intents(incident.id(), n.loop() + ":" + n.step(), n.step(), n.loop(), plans, now);
                events.add(page.describe(NewEvent.of(IncidentEventKind.STEP_FIRED).with("step", n.step())
                        .with("loop", n.loop()).with("users", users)
                        .withIfAny("unreachable", Recipients.unreachable(plans))));
            }
            case FireDecision.Exhaust e -> {
                next = e.next();
                // The exhaustion page is the armed position (step 0 of the loop past the last
                // repeat): a position no step page ever uses, so its keys are its own.
                intents = Recipients.intents(incident.id(), e.loop() + ":" + expected.step(), expected.step(),
                        e.loop(), plans, now);
                events.add(page.describe(NewEvent.of(IncidentEventKind.EXHAUSTED).with("loop", e.loop())
                        .with("users", users).withIfAny("unreachable", Recipients.unreachable(plans))));
            }
            case FireDecision.Stale s -> throw new IllegalArgumentException("a stale decision pages nobody: " + s);
        }
        intents.forEach(i -> events.add(NewEvent.of(IncidentEventKind.INTENT_CREATED).with("user", i.userId())
                .with("contactMethod", i.contactMethodId()).with("channel", i.channel().code())
                .with("step", i.step()).with("loop", i.loop()).with("notBefore", i.notBefore())
                .with("idempotencyKey", i.idempotencyKey())));

        // A timer pages only a triggered incident; a page by hand may also trigger an acknowledged one again.
        StatusCommand command = timerId.isPresent() ? StatusCommand.PAGE : StatusCommand.ESCALATE;
        Optional<Long> lastSeq = StatusChanges.page(db, incident.id(), command, expected, next, events.size(), now);
        if (lastSeq.isEmpty()) {
            return false;
        }
        if (timerId.isPresent()) {
            db.sql("DELETE FROM escalation_timers WHERE id = :id").param("id", timerId.get()).update();
        } else {
            db.sql("DELETE FROM escalation_timers WHERE incident_id = :id").param("id", incident.id()).update();
            StatusChanges.alertsFollow(db, incident.id(), command, now);
        }
        IncidentWrites.insertIntents(db, incident.id(), region, now, intents);
        IncidentWrites.replaceAssignees(db, incident.id(), users, now);
        IncidentWrites.insertEvents(db, incident.id(), incident.teamId(), lastSeq.get(), actor, channel, now, events);
        if (decision instanceof FireDecision.NotifyStep n) {
            IncidentWrites.insertStepTimer(db, incident.id(), n.next().step(), n.next().loop(),
                    now.plus(n.waitBeforeNext()), region, now);
        }
        return true;
    }
}
