package dev.oncall.store.incident;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepRecipients;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.incident.NotificationPlan;
import dev.oncall.core.incident.NotificationPlan.Planned;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.snapshot.PagingConfiguration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a page reaches and how, resolved at the moment it fires by the one rule the preview uses
 * too ({@link StepRecipients}): a schedule target means whoever is on call then, a team target its
 * members who are not observers; each person's notification rules give methods and delays
 * ({@link NotificationPlan}). The answers come from a {@link PagingConfiguration}: the database
 * (fresh) or the worker's snapshot when the database cannot answer in time, through the same rules.
 */
final class Recipients {
    private Recipients() {}

    /**
     * A page's targets with the on-call answers of its schedules (read when it fires; a manual
     * escalation reads them before its transaction, as the on-call lookup keeps its own).
     */
    record Pending(List<StepTarget> targets, Map<UUID, List<UUID>> onCall) {
        Pending {
            targets = List.copyOf(targets);
            onCall = Map.copyOf(onCall);
        }

        /** The exhaustion page: the whole team, as a team target pages it. */
        static Pending team(UUID teamId) {
            return new Pending(List.of(new StepTarget(TargetType.TEAM, teamId)), Map.of());
        }
    }

    /** The step's targets with who is on call on each of its schedules at {@code at}. */
    static Pending targetsOf(PagingConfiguration config, EscalationStep step, Instant at) {
        return new Pending(step.targets(), config.onCallAt(StepRecipients.schedules(step.targets()), at));
    }

    /** The step's targets with who {@code onCall} says is on call on each of its schedules at {@code at}. */
    static Pending targetsOf(OnCallLookup onCall, EscalationStep step, Instant at) {
        return new Pending(step.targets(), onCall.onCallAt(StepRecipients.schedules(step.targets()), at));
    }

    /** The page: who {@code pending} reaches, each once in target order, with each one's plan for {@code urgency}. */
    static Page page(PagingConfiguration config, Pending pending, Urgency urgency,
                     Optional<Page.FromSnapshot> fromSnapshot) {
        List<UUID> users = StepRecipients.resolve(pending.targets(), pending.onCall(),
                config.members(StepRecipients.teams(pending.targets()))).users();
        return new Page(users, plans(config, users, urgency), fromSnapshot);
    }

    /** Each person's plan for this urgency; everyone in {@code users} gets an entry (maybe empty). */
    static Map<UUID, List<Planned>> plans(PagingConfiguration config, Collection<UUID> users, Urgency urgency) {
        Map<UUID, List<ContactMethod>> methods = config.contactMethods(users);
        Map<UUID, List<NotificationRule>> rules = config.rules(users);
        Map<UUID, List<Planned>> out = new LinkedHashMap<>();
        for (UUID u : users) {
            out.put(u, NotificationPlan.plan(urgency, rules.get(u), methods.get(u)));
        }
        return out;
    }

    /**
     * The people of a page with no pageable contact method for its urgency (none verified, or all
     * disabled): they are named on the page's event, since nothing else would show that the step
     * reached nobody through them.
     */
    static List<UUID> unreachable(Map<UUID, List<Planned>> plans) {
        return plans.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /**
     * The intents for one page: key {@code <incident>:<loop>:<step>:<user>:<method>} (or the
     * given prefix in place of loop and step for pages outside the policy, e.g. reassignment).
     */
    static List<IncidentWrites.Intent> intents(UUID incidentId, String keyPrefix, int step, int loop,
                                               Map<UUID, List<Planned>> plans, Instant firedAt) {
        List<IncidentWrites.Intent> out = new ArrayList<>();
        plans.forEach((user, planned) -> planned.forEach(p -> out.add(new IncidentWrites.Intent(
                incidentId + ":" + keyPrefix + ":" + user + ":" + p.method().id(), user, p.method().id(),
                p.method().type(), step, loop, firedAt.plus(p.delay())))));
        return out;
    }
}
