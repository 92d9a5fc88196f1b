package dev.oncall.core.escalation;

import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The people a step's targets page, as one rule for both paging and the {@code whoIsOnCall}
 * preview, so the preview can never promise a page that does not happen (or hide one that does):
 * a schedule pages whoever is on call on it at that instant, a user pages themselves, a team
 * pages every member who is not an observer (observers only read). Each person is paged once
 * per step, where their first target names them.
 *
 * <p>Pure: the caller brings the on-call answer of every schedule target and the membership of
 * every team target, read where its correctness needs them (paging reads the members inside its
 * transaction).
 *
 * @param targets each target with the people it pages, in the step's target order
 * @param users   everyone the step pages, each once, in target order
 */
public record StepRecipients(List<Resolved> targets, List<UUID> users) {
    /** The role a team target leaves out: observers follow a team without being paged for it. */
    public static final Role NOT_PAGED = Role.OBSERVER;

    /** One target and the people it pages (a person may be named by several targets). */
    public record Resolved(StepTarget target, List<UUID> users) {
        public Resolved {
            Objects.requireNonNull(target, "target");
            users = List.copyOf(users);
        }
    }

    public StepRecipients {
        targets = List.copyOf(targets);
        users = List.copyOf(users);
    }

    /**
     * Resolves {@code targets}.
     *
     * @param onCall  for every schedule target, who is on call on it at the instant, in order
     * @param members for every team target, its members with their roles, in membership order
     * @throws IllegalArgumentException when a schedule or team target has no answer in the maps:
     *                                  a caller that forgot one would silently page nobody
     */
    public static StepRecipients resolve(List<StepTarget> targets, Map<UUID, List<UUID>> onCall,
                                         Map<UUID, List<Member>> members) {
        List<Resolved> resolved = new ArrayList<>(targets.size());
        Set<UUID> everyone = new LinkedHashSet<>();
        for (StepTarget target : targets) {
            List<UUID> users = switch (target.type()) {
                case USER -> List.of(target.id());
                case SCHEDULE -> List.copyOf(answer(onCall, target));
                case TEAM -> answer(members, target).stream()
                        .filter(m -> m.role() != NOT_PAGED)
                        .map(Member::userId)
                        .distinct()
                        .toList();
            };
            resolved.add(new Resolved(target, users));
            everyone.addAll(users);
        }
        return new StepRecipients(resolved, List.copyOf(everyone));
    }

    /** The schedules among {@code targets}, whose on-call answers {@link #resolve} needs. */
    public static Set<UUID> schedules(List<StepTarget> targets) {
        return idsOf(targets, TargetType.SCHEDULE);
    }

    /** The teams among {@code targets}, whose memberships {@link #resolve} needs. */
    public static Set<UUID> teams(List<StepTarget> targets) {
        return idsOf(targets, TargetType.TEAM);
    }

    private static Set<UUID> idsOf(List<StepTarget> targets, TargetType type) {
        Set<UUID> out = new LinkedHashSet<>();
        targets.stream().filter(t -> t.type() == type).forEach(t -> out.add(t.id()));
        return out;
    }

    private static <T> List<T> answer(Map<UUID, List<T>> answers, StepTarget target) {
        List<T> answer = answers.get(target.id());
        if (answer == null) {
            throw new IllegalArgumentException("no answer given for " + target.type().code() + " target " + target.id());
        }
        return answer;
    }
}
