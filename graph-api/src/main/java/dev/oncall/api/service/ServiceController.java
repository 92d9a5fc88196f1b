package dev.oncall.api.service;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.service.IntegrationKey;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Services and integration keys: members read (the keys' secrets: managers), managers change. */
@Controller
class ServiceController {
    private final ServiceRepository services;
    private final PolicyRepository policies;
    private final TeamRepository teams;

    ServiceController(ServiceRepository services, PolicyRepository policies, TeamRepository teams) {
        this.services = services;
        this.policies = policies;
        this.teams = teams;
    }

    /** A key with the team it belongs to, so its secret can be guarded by the team's roles. */
    record KeyView(UUID id, IntegrationType type, String name, UUID teamId, IntegrationKey key) {
        static KeyView of(IntegrationKey key, UUID teamId) {
            return new KeyView(key.id(), key.type(), key.name(), teamId, key);
        }
    }

    record CreateServiceInput(UUID teamId, String name, String description, UUID escalationPolicyId,
                              Urgency defaultUrgency, Integer ackTimeoutSeconds) {}

    record UpdateServiceInput(UUID id, String name, String description, UUID escalationPolicyId,
                              Urgency defaultUrgency, Integer ackTimeoutSeconds) {}

    record SetServiceMaintenanceInput(UUID id, Instant until) {}

    record CreateIntegrationKeyInput(UUID serviceId, IntegrationType type, String name) {}

    record IdInput(UUID id) {}

    record ServicePayload(Service service, List<UserError> userErrors) {}

    record IntegrationKeyPayload(KeyView integrationKey, List<UserError> userErrors) {}

    @QueryMapping
    Service service(Caller caller, @Argument UUID id) {
        return Access.visible(caller, services.find(id), Service::teamId, "service");
    }

    @SchemaMapping(typeName = "Team")
    Connection<Service> services(Team team, Caller caller, @Argument Integer first, @Argument String after) {
        Access.read(caller, team.id());
        return Connections.page("Team.services", services.listByTeam(team.id()), s -> s.name() + "|" + s.id(), first, after);
    }

    @SchemaMapping(typeName = "Service")
    CompletableFuture<Team> team(Service service, DataLoader<UUID, Team> loader) {
        return loader.load(service.teamId());
    }

    @SchemaMapping(typeName = "Service")
    EscalationPolicy escalationPolicy(Service service) {
        return policies.find(service.escalationPolicyId()).orElseThrow();
    }

    @SchemaMapping(typeName = "Service")
    Instant maintenanceUntil(Service service) {
        return service.maintenanceUntil().orElse(null);
    }

    @SchemaMapping(typeName = "Service")
    Long ackTimeoutSeconds(Service service) {
        return service.ackTimeout().map(Duration::toSeconds).orElse(null);
    }

    @SchemaMapping(typeName = "Service")
    List<KeyView> integrationKeys(Service service) {
        return services.keysOf(service.id()).stream().map(k -> KeyView.of(k, service.teamId())).toList();
    }

    @SchemaMapping(typeName = "IntegrationKey")
    String secret(KeyView key, Caller caller) {
        Access.require(caller, key.teamId(), Role.MANAGER);
        return key.key().secret();
    }

    @MutationMapping
    ServicePayload createService(Caller caller, @Argument CreateServiceInput input) {
        return Mutations.attempt(() -> {
            Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.MANAGER);
            return new ServicePayload(services.create(input.teamId(), input.name(), input.description(),
                    input.escalationPolicyId(), urgency(input.defaultUrgency()), ack(input.ackTimeoutSeconds())), List.of());
        }, errors -> new ServicePayload(null, errors));
    }

    @MutationMapping
    ServicePayload updateService(Caller caller, @Argument UpdateServiceInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            return new ServicePayload(services.update(input.id(), input.name(), input.description(),
                    input.escalationPolicyId(), urgency(input.defaultUrgency()), ack(input.ackTimeoutSeconds())), List.of());
        }, errors -> new ServicePayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteService(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            services.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @MutationMapping
    ServicePayload setServiceMaintenance(Caller caller, @Argument SetServiceMaintenanceInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            return new ServicePayload(services.setMaintenance(input.id(), Optional.ofNullable(input.until())), List.of());
        }, errors -> new ServicePayload(null, errors));
    }

    @MutationMapping
    IntegrationKeyPayload createIntegrationKey(Caller caller, @Argument CreateIntegrationKeyInput input) {
        return Mutations.attempt(() -> {
            Service service = manageable(caller, input.serviceId(), "serviceId");
            return new IntegrationKeyPayload(KeyView.of(services.createKey(service.id(), input.type(), input.name()),
                    service.teamId()), List.of());
        }, errors -> new IntegrationKeyPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteIntegrationKey(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            IntegrationKey key = Access.named(caller, services.findKey(input.id()),
                    k -> services.find(k.serviceId()).orElseThrow().teamId(), "id", "integration key");
            manageable(caller, key.serviceId());
            services.deleteKey(key.id());
            return DeletePayload.deleted(key.id());
        }, DeletePayload::refused);
    }

    private Service manageable(Caller caller, UUID id) {
        return manageable(caller, id, "id");
    }

    private Service manageable(Caller caller, UUID id, String field) {
        return Access.named(caller, services.find(id), Service::teamId, field, "service", Role.MANAGER);
    }

    private static Urgency urgency(Urgency u) {
        return u == null ? Urgency.HIGH : u;
    }

    private static Optional<Duration> ack(Integer seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }
}
