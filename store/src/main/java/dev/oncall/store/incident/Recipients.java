package dev.oncall.store.incident;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepRecipients;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.incident.NotificationPlan;
import dev.oncall.core.incident.NotificationPlan.Planned;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.team.TeamRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who a page reaches and how, resolved at the moment it fires by the one rule the preview uses
 * too ({@link StepRecipients}): a schedule target means whoever is on call then (through
 * {@link OnCallLookup}, read before the paging transaction), a team target its members who are
 * not observers (read inside it); each person's notification rules give methods and delays.
 */
final class Recipients {
    private final OnCallLookup onCall;

    Recipients(OnCallLookup onCall) {
        this.onCall = onCall;
    }

    /**
     * A page's targets with the on-call answers of its schedules; the team targets are resolved
     * by {@link #resolve} inside the paging transaction.
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
    Pending targetsOf(EscalationStep step, Instant at) {
        return new Pending(step.targets(), onCall.onCallAt(StepRecipients.schedules(step.targets()), at));
    }

    /** The people the page reaches, each once, in target order (team members read in the caller's transaction). */
    static List<UUID> resolve(JdbcClient db, Pending pending) {
        return StepRecipients.resolve(pending.targets(), pending.onCall(),
                TeamRepository.membersByTeam(db, StepRecipients.teams(pending.targets()))).users();
    }

    /** Each person's plan for this urgency; everyone in {@code users} gets an entry (maybe empty). */
    static Map<UUID, List<Planned>> plans(JdbcClient db, Collection<UUID> users, Urgency urgency) {
        Map<UUID, List<ContactMethod>> methods = new LinkedHashMap<>();
        Map<UUID, List<NotificationRule>> rules = new LinkedHashMap<>();
        users.forEach(u -> {
            methods.put(u, new ArrayList<>());
            rules.put(u, new ArrayList<>());
        });
        if (!users.isEmpty()) {
            db.sql("SELECT * FROM contact_methods WHERE user_id IN (:users)").param("users", List.copyOf(users))
                    .query((rs, n) -> new ContactMethod(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"),
                            ContactMethodType.parse(rs.getString("type")).orElseThrow(), rs.getString("label"),
                            rs.getString("address"), rs.getInt("priority"), rs.getBoolean("verified"),
                            rs.getBoolean("disabled")))
                    .list().forEach(m -> methods.get(m.userId()).add(m));
            db.sql("SELECT * FROM notification_rules WHERE user_id IN (:users) AND urgency = :urgency")
                    .param("users", List.copyOf(users)).param("urgency", urgency.code())
                    .query((rs, n) -> new NotificationRule(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"),
                            Rows.uuid(rs, "contact_method_id"), Duration.ofSeconds(rs.getInt("delay_seconds")),
                            Urgency.parse(rs.getString("urgency")).orElseThrow()))
                    .list().forEach(r -> rules.get(r.userId()).add(r));
        }
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
