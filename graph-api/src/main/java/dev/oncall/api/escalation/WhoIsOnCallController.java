package dev.oncall.api.escalation;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.Loaders;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepRecipients;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.team.TeamRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * "Who would be paged, step by step, if an incident opened now?" Targets are resolved by the
 * rule paging uses at fire time ({@link StepRecipients}): a schedule by its on-call people, a
 * user as themselves, a team as every member who is not an observer.
 */
@Controller
class WhoIsOnCallController {
    private final PolicyRepository policies;
    private final TeamRepository teams;
    private final OnCallLookup onCall;
    private final Clock clock;

    WhoIsOnCallController(PolicyRepository policies, TeamRepository teams, OnCallLookup onCall, Clock clock) {
        this.policies = policies;
        this.teams = teams;
        this.onCall = onCall;
        this.clock = clock;
    }

    /** A step with the people it pages; each of its targets is answered by a {@link StepRecipients.Resolved}. */
    record OnCallStepView(EscalationPolicy policy, int level, long escalateAfterSeconds, List<UUID> userIds,
                          List<StepRecipients.Resolved> targets) {}

    @QueryMapping
    List<OnCallStepView> whoIsOnCall(Caller caller, @Argument UUID policyId, @Argument UUID teamId, @Argument Instant at) {
        if ((policyId == null) == (teamId == null)) {
            throw ApiException.badRequest("policyId", "give exactly one of policyId and teamId");
        }
        Instant when = at == null ? clock.instant() : at;
        if (!ScheduleLimits.supported(when)) {
            throw ApiException.badRequest("at", "at must be between " + ScheduleLimits.EARLIEST + " and " + ScheduleLimits.LATEST);
        }
        List<EscalationPolicy> chosen;
        if (policyId != null) {
            chosen = List.of(PolicyController.readable(policies, caller, policyId));
        } else {
            Access.visible(caller, teams.find(teamId), Team::id, "team");
            chosen = policies.listByTeam(teamId);
        }
        List<OnCallStepView> out = new ArrayList<>();
        for (EscalationPolicy policy : chosen) {
            for (int i = 0; i < policy.steps().size(); i++) {
                out.add(step(policy, i, when));
            }
        }
        return out;
    }

    private OnCallStepView step(EscalationPolicy policy, int index, Instant at) {
        EscalationStep step = policy.steps().get(index);
        StepRecipients recipients = StepRecipients.resolve(step.targets(),
                onCall.onCallAt(StepRecipients.schedules(step.targets()), at),
                teams.membersByTeam(StepRecipients.teams(step.targets())));
        return new OnCallStepView(policy, index + 1, step.escalateAfter().toSeconds(), recipients.users(),
                recipients.targets());
    }

    @SchemaMapping(typeName = "OnCallStep")
    CompletableFuture<List<User>> users(OnCallStepView step, DataLoader<UUID, User> loader) {
        return Loaders.existingUsers(loader, step.userIds());
    }

    @SchemaMapping(typeName = "OnCallTarget")
    CompletableFuture<List<User>> users(StepRecipients.Resolved target, DataLoader<UUID, User> loader) {
        return Loaders.existingUsers(loader, target.users());
    }
}
