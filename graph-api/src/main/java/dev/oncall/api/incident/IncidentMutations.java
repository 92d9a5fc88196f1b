package dev.oncall.api.incident;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.CommandResult;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.IncidentReads;
import dev.oncall.store.incident.TriggerResult;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What people do to incidents through the API, recorded with channel {@code graphql} and the
 * caller as actor. Responders and up of the incident's team act; observers and other teams do
 * not. A command the incident refuses (unknown, already resolved, people who are not in the
 * team) answers with userErrors and writes nothing; asking for a state the incident is already
 * in answers {@code changed: false} and writes nothing either.
 */
@Controller
class IncidentMutations {
    /** Longest free text a manual page may carry on its alert. */
    static final int MAX_DETAILS = 16_384;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IncidentCommands commands;
    private final IncidentReads reads;
    private final ServiceRepository services;
    private final TeamRepository teams;

    IncidentMutations(IncidentCommands commands, IncidentReads reads, ServiceRepository services, TeamRepository teams) {
        this.commands = commands;
        this.reads = reads;
        this.services = services;
        this.teams = teams;
    }

    record IncidentIdInput(UUID incidentId) {}

    record ReassignInput(UUID incidentId, List<UUID> userIds) {}

    record AddNoteInput(UUID incidentId, String note) {}

    record TriggerIncidentInput(UUID serviceId, String summary, String details, Urgency urgency, String dedupKey) {}

    record IncidentPayload(Incident incident, boolean changed, List<UserError> userErrors) {
        static IncidentPayload refused(List<UserError> errors) {
            return new IncidentPayload(null, false, errors);
        }
    }

    record TriggerIncidentPayload(TriggerResult.Outcome outcome, Incident incident, String dedupKey,
                                  List<UserError> userErrors) {}

    @MutationMapping
    IncidentPayload acknowledge(Caller caller, @Argument IncidentIdInput input) {
        return act(caller, input.incidentId(), (incident, actor) -> commands.acknowledge(incident.id(), actor, Channel.GRAPHQL));
    }

    @MutationMapping
    IncidentPayload resolve(Caller caller, @Argument IncidentIdInput input) {
        return act(caller, input.incidentId(), (incident, actor) -> commands.resolve(incident.id(), actor, Channel.GRAPHQL));
    }

    @MutationMapping
    IncidentPayload escalate(Caller caller, @Argument IncidentIdInput input) {
        return act(caller, input.incidentId(), (incident, actor) -> commands.escalate(incident.id(), actor, Channel.GRAPHQL));
    }

    @MutationMapping
    IncidentPayload addNote(Caller caller, @Argument AddNoteInput input) {
        return act(caller, input.incidentId(), (incident, actor) -> commands.addNote(incident.id(), input.note(), actor, Channel.GRAPHQL));
    }

    @MutationMapping
    IncidentPayload reassign(Caller caller, @Argument ReassignInput input) {
        return act(caller, input.incidentId(), (incident, actor) -> {
            List<UUID> userIds = input.userIds();
            if (!userIds.isEmpty() && userIds.size() <= IncidentCommands.MAX_REASSIGNEES) {
                // Only the team's people hold its incidents: paging strangers would reach across teams.
                Set<UUID> members = teams.members(incident.teamId()).stream().map(Member::userId).collect(Collectors.toSet());
                Problems problems = new Problems();
                for (int i = 0; i < userIds.size(); i++) {
                    problems.check(members.contains(userIds.get(i)), "userIds[" + i + "]",
                            "is not a member of the incident's team");
                }
                problems.throwIfAny();
            }
            return commands.reassign(incident.id(), userIds, actor, Channel.GRAPHQL);
        });
    }

    @MutationMapping
    TriggerIncidentPayload triggerIncident(Caller caller, @Argument TriggerIncidentInput input) {
        return Mutations.attempt(() -> {
            Service service = Access.named(caller, services.find(input.serviceId()), Service::teamId, "serviceId",
                    "service", Role.RESPONDER);
            Urgency urgency = input.urgency() == null ? service.defaultUrgency() : input.urgency();
            TriggerResult result = commands.trigger(service.id(), manualAlert(input, caller, urgency), urgency,
                    actorOf(caller), Channel.GRAPHQL);
            Incident incident = result.incidentId().flatMap(reads::get).orElse(null);
            return new TriggerIncidentPayload(result.outcome(), incident, result.dedupKey(), List.of());
        }, errors -> new TriggerIncidentPayload(null, null, null, errors));
    }

    /** The alert of a manual page; AlertEvent's checks speak Events v2 field names, renamed to ours. */
    private static AlertEvent manualAlert(TriggerIncidentInput input, Caller caller, Urgency urgency) {
        String details = input.details() == null ? "" : input.details();
        if (details.length() > MAX_DETAILS) {
            throw ValidationException.of("details", "must be at most " + MAX_DETAILS + " characters, got "
                    + details.length());
        }
        ObjectNode payload = JSON.createObjectNode().put("summary", input.summary()).put("details", details)
                .put("urgency", urgency.code());
        caller.userId().ifPresent(u -> payload.put("pagedBy", u.toString()));
        try {
            return AlertEvent.trigger(input.dedupKey(), input.summary(), "manual page",
                    urgency == Urgency.HIGH ? "critical" : "warning", payload.toString());
        } catch (ValidationException e) {
            throw new ValidationException(e.errors().stream().map(f -> f.field().equals("dedup_key")
                    ? new FieldError("dedupKey", f.message()) : f).toList());
        }
    }

    private IncidentPayload act(Caller caller, UUID incidentId, BiFunction<Incident, Actor, CommandResult> command) {
        return Mutations.attempt(() -> {
            Incident incident = Access.named(caller, reads.get(incidentId), Incident::teamId, "incidentId", "incident",
                    Role.RESPONDER);
            CommandResult result = command.apply(incident, actorOf(caller));
            if (!result.ok()) {
                // The store names the incident "id"; in this API it is the input's incidentId.
                throw new ValidationException(result.errors().stream().map(f -> f.field().equals("id")
                        ? new FieldError("incidentId", f.message()) : f).toList());
            }
            return new IncidentPayload(result.incident().orElseThrow(), result.changed(), List.of());
        }, IncidentPayload::refused);
    }

    /** A person acts as themselves; a team automation token as an integration named by the token. */
    static Actor actorOf(Caller caller) {
        return switch (caller) {
            case Caller.Person p -> Actor.user(p.id());
            case Caller.TeamToken t -> Actor.integration("api-token:" + t.tokenId());
        };
    }
}
