package dev.oncall.api.escalation;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.Problems;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.team.TeamRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Escalation policies: members read, managers change. */
@Controller
class PolicyController {
    private final PolicyRepository policies;
    private final TeamRepository teams;

    PolicyController(PolicyRepository policies, TeamRepository teams) {
        this.policies = policies;
        this.teams = teams;
    }

    record StepView(int position, long escalateAfterSeconds, List<StepTarget> targets) {}

    record StepTargetInput(TargetType type, UUID id) {}

    record EscalationStepInput(Integer escalateAfterSeconds, List<StepTargetInput> targets) {}

    record CreateEscalationPolicyInput(UUID teamId, String name, String description, Integer repeatCount,
                                       List<EscalationStepInput> steps) {}

    record UpdateEscalationPolicyInput(UUID id, Long version, String name, String description, Integer repeatCount,
                                       List<EscalationStepInput> steps) {}

    record IdInput(UUID id) {}

    record EscalationPolicyPayload(EscalationPolicy escalationPolicy, List<UserError> userErrors) {}

    @QueryMapping
    EscalationPolicy escalationPolicy(Caller caller, @Argument UUID id) {
        return readable(policies, caller, id);
    }

    static EscalationPolicy readable(PolicyRepository policies, Caller caller, UUID id) {
        return Access.visible(caller, policies.find(id), EscalationPolicy::teamId, "escalation policy");
    }

    @SchemaMapping(typeName = "Team")
    Connection<EscalationPolicy> escalationPolicies(Team team, Caller caller, @Argument Integer first,
                                                    @Argument String after) {
        Access.read(caller, team.id());
        return Connections.page("Team.escalationPolicies", policies.listByTeam(team.id()), p -> p.name() + "|" + p.id(), first, after);
    }

    @SchemaMapping(typeName = "EscalationPolicy")
    CompletableFuture<Team> team(EscalationPolicy policy, DataLoader<UUID, Team> loader) {
        return loader.load(policy.teamId());
    }

    @SchemaMapping(typeName = "EscalationPolicy")
    List<StepView> steps(EscalationPolicy policy) {
        List<StepView> out = new ArrayList<>();
        for (int i = 0; i < policy.steps().size(); i++) {
            EscalationStep s = policy.steps().get(i);
            out.add(new StepView(i, s.escalateAfter().toSeconds(), s.targets()));
        }
        return out;
    }

    @SchemaMapping(typeName = "StepTarget")
    CompletableFuture<ScheduleInfo> schedule(StepTarget target, DataLoader<UUID, ScheduleInfo> loader) {
        return target.type() == TargetType.SCHEDULE ? loader.load(target.id()) : CompletableFuture.completedFuture(null);
    }

    @SchemaMapping(typeName = "StepTarget")
    CompletableFuture<User> user(StepTarget target, DataLoader<UUID, User> loader) {
        return target.type() == TargetType.USER ? loader.load(target.id()) : CompletableFuture.completedFuture(null);
    }

    @SchemaMapping(typeName = "StepTarget")
    CompletableFuture<Team> team(StepTarget target, DataLoader<UUID, Team> loader) {
        return target.type() == TargetType.TEAM ? loader.load(target.id()) : CompletableFuture.completedFuture(null);
    }

    @MutationMapping
    EscalationPolicyPayload createEscalationPolicy(Caller caller, @Argument CreateEscalationPolicyInput input) {
        return Mutations.attempt(() -> {
            Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.MANAGER);
            return new EscalationPolicyPayload(policies.create(input.teamId(), input.name(), input.description(),
                    repeat(input.repeatCount()), steps(input.steps())), List.of());
        }, errors -> new EscalationPolicyPayload(null, errors));
    }

    @MutationMapping
    EscalationPolicyPayload updateEscalationPolicy(Caller caller, @Argument UpdateEscalationPolicyInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            return new EscalationPolicyPayload(policies.update(input.id(), input.version(), input.name(),
                    input.description(), repeat(input.repeatCount()), steps(input.steps())), List.of());
        }, errors -> new EscalationPolicyPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteEscalationPolicy(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            policies.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    private void manageable(Caller caller, UUID id) {
        Access.named(caller, policies.find(id), EscalationPolicy::teamId, "id", "escalation policy", Role.MANAGER);
    }

    private static int repeat(Integer repeatCount) {
        return repeatCount == null ? 0 : repeatCount;
    }

    private static List<EscalationStep> steps(List<EscalationStepInput> inputs) {
        Problems problems = new Problems();
        List<EscalationStep> steps = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EscalationStepInput in = inputs.get(i);
            List<StepTarget> targets = in.targets().stream().map(t -> new StepTarget(t.type(), t.id())).toList();
            steps.add(problems.nested("steps[" + i + "]",
                    () -> new EscalationStep(Duration.ofSeconds(in.escalateAfterSeconds()), targets)));
        }
        problems.throwIfAny();
        return steps;
    }
}
