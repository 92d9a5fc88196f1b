package dev.oncall.api.incident;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Slice;
import dev.oncall.store.incident.AlertView;
import dev.oncall.store.incident.IncidentDetail;
import dev.oncall.store.incident.IncidentEvent;
import dev.oncall.store.incident.IncidentFilter;
import dev.oncall.store.incident.IncidentReads;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Reading incidents: lists by team or service, one incident with its alerts, assignees and log.
 * Members of the incident's team (observers and up) read; nobody reads across teams. The
 * references of a page of incidents (alert counts, assignees, paged steps, services) are loaded
 * with one query per field for the whole page; alerts and the log are paged per incident.
 */
@Controller
class IncidentController {
    private final IncidentReads reads;
    private final ServiceRepository services;
    private final UserRepository users;

    IncidentController(IncidentReads reads, ServiceRepository services, UserRepository users) {
        this.reads = reads;
        this.services = services;
        this.users = users;
    }

    record IncidentFilterInput(List<IncidentStatus> status, UUID serviceId, Urgency urgency, Instant createdAfter,
                               Instant createdBefore) {}

    @QueryMapping
    Connection<Incident> incidents(Caller caller, @Argument UUID teamId, @Argument IncidentFilterInput filter,
                                   @Argument Integer first, @Argument String after) {
        List<UUID> teams;
        if (teamId != null) {
            Access.read(caller, teamId);
            teams = List.of(teamId);
        } else {
            teams = List.copyOf(caller.teams());
            if (teams.isEmpty()) {
                return new Connection<>(List.of(), new Connection.PageInfo(false, null));
            }
        }
        return page(teams, filter, Optional.empty(), first, after);
    }

    @SchemaMapping(typeName = "Service")
    Connection<Incident> incidents(Service service, Caller caller, @Argument IncidentFilterInput filter,
                                   @Argument Integer first, @Argument String after) {
        Access.read(caller, service.teamId());
        return page(List.of(service.teamId()), filter, Optional.of(service.id()), first, after);
    }

    @QueryMapping
    Incident incident(Caller caller, @Argument UUID id) {
        return readable(reads, caller, id);
    }

    /** The incident, if the caller may read it; NOT_FOUND otherwise, whether it exists or not. */
    static Incident readable(IncidentReads reads, Caller caller, UUID id) {
        return Access.visible(caller, reads.get(id), Incident::teamId, "incident");
    }

    private Connection<Incident> page(List<UUID> teams, IncidentFilterInput in, Optional<UUID> service, Integer first,
                                      String after) {
        int size = Connections.size(first);
        Optional<IncidentFilterInput> f = Optional.ofNullable(in);
        IncidentFilter filter;
        try {
            filter = new IncidentFilter(teams, Set.copyOf(f.map(IncidentFilterInput::status).orElse(List.of())),
                    service.or(() -> f.map(IncidentFilterInput::serviceId)), f.map(IncidentFilterInput::urgency),
                    f.map(IncidentFilterInput::createdAfter), f.map(IncidentFilterInput::createdBefore));
        } catch (ValidationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Slice<Incident> page = reads.list(filter, size,
                Optional.ofNullable(after).map(a -> Connections.decode("incidents", a)));
        List<Connection.Edge<Incident>> edges = page.items().stream()
                .map(i -> new Connection.Edge<>(Connections.encode("incidents", IncidentReads.cursorOf(i)), i)).toList();
        return new Connection<>(edges, new Connection.PageInfo(page.hasMore(),
                edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    @SchemaMapping(typeName = "Incident")
    CompletableFuture<Team> team(Incident incident, DataLoader<UUID, Team> loader) {
        return loader.load(incident.teamId());
    }

    @BatchMapping(typeName = "Incident")
    Map<Incident, Service> service(List<Incident> incidents) {
        Map<UUID, Service> byId = new HashMap<>();
        for (UUID id : new LinkedHashSet<>(incidents.stream().map(Incident::serviceId).toList())) {
            services.find(id).ifPresent(s -> byId.put(id, s));
        }
        Map<Incident, Service> out = new HashMap<>();
        incidents.forEach(i -> out.put(i, byId.get(i.serviceId())));
        return out;
    }

    @BatchMapping(typeName = "Incident")
    Map<Incident, Integer> currentStep(List<Incident> incidents) {
        Map<UUID, IncidentReads.PagedStep> paged = reads.lastPagedSteps(ids(incidents));
        Map<Incident, Integer> out = new HashMap<>();
        incidents.forEach(i -> out.put(i, Optional.ofNullable(paged.get(i.id())).map(IncidentReads.PagedStep::step)
                .orElse(null)));
        return out;
    }

    @BatchMapping(typeName = "Incident")
    Map<Incident, Integer> loop(List<Incident> incidents) {
        Map<UUID, IncidentReads.PagedStep> paged = reads.lastPagedSteps(ids(incidents));
        Map<Incident, Integer> out = new HashMap<>();
        incidents.forEach(i -> out.put(i, Optional.ofNullable(paged.get(i.id())).map(IncidentReads.PagedStep::loop)
                .orElse(i.loopCount())));
        return out;
    }

    @SchemaMapping(typeName = "Incident")
    Integer nextStep(Incident incident) {
        return incident.status() == IncidentStatus.RESOLVED || incident.exhausted() ? null : incident.currentStep();
    }

    @SchemaMapping(typeName = "Incident")
    Instant acknowledgedAt(Incident incident) {
        return incident.acknowledgedAt().orElse(null);
    }

    @SchemaMapping(typeName = "Incident")
    CompletableFuture<User> acknowledgedBy(Incident incident, DataLoader<UUID, User> loader) {
        return incident.acknowledgedBy().map(loader::load).orElse(CompletableFuture.completedFuture(null));
    }

    @SchemaMapping(typeName = "Incident")
    Instant resolvedAt(Incident incident) {
        return incident.resolvedAt().orElse(null);
    }

    @SchemaMapping(typeName = "Incident")
    CompletableFuture<User> resolvedBy(Incident incident, DataLoader<UUID, User> loader) {
        return incident.resolvedBy().map(loader::load).orElse(CompletableFuture.completedFuture(null));
    }

    /** Newest first: an incident of a storm may hold thousands, so they are paged in the database. */
    @SchemaMapping(typeName = "Incident")
    Connection<AlertView> alerts(Incident incident, @Argument Integer first, @Argument String after) {
        Slice<AlertView> page = reads.alerts(incident.id(), Connections.size(first),
                Optional.ofNullable(after).map(a -> Connections.decode("Incident.alerts", a)));
        List<Connection.Edge<AlertView>> edges = page.items().stream()
                .map(a -> new Connection.Edge<>(Connections.encode("Incident.alerts", IncidentReads.cursorOf(a)), a))
                .toList();
        return new Connection<>(edges, new Connection.PageInfo(page.hasMore(),
                edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    @BatchMapping(typeName = "Incident")
    Map<Incident, Integer> alertCount(List<Incident> incidents) {
        Map<UUID, Integer> counts = reads.alertCounts(ids(incidents));
        Map<Incident, Integer> out = new HashMap<>();
        incidents.forEach(i -> out.put(i, counts.getOrDefault(i.id(), 0)));
        return out;
    }

    @BatchMapping(typeName = "Incident")
    Map<Incident, List<User>> assignees(List<Incident> incidents) {
        Map<UUID, List<IncidentDetail.Assignee>> assignees = reads.assigneesOf(ids(incidents));
        Map<UUID, User> byId = new HashMap<>();
        users.findAll(assignees.values().stream().flatMap(List::stream).map(IncidentDetail.Assignee::userId)
                .distinct().toList()).forEach(u -> byId.put(u.id(), u));
        Map<Incident, List<User>> out = new HashMap<>();
        incidents.forEach(i -> out.put(i, assignees.getOrDefault(i.id(), List.of()).stream()
                .map(a -> byId.get(a.userId())).filter(Objects::nonNull).toList()));
        return out;
    }

    @SchemaMapping(typeName = "Incident")
    Connection<IncidentEvent> events(Incident incident, @Argument Integer first, @Argument String after) {
        int size = Connections.size(first);
        long afterSeq = 0;
        if (after != null) {
            try {
                afterSeq = Long.parseLong(Connections.decode("Incident.events", after));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("after", "after is not a cursor this API returned");
            }
        }
        List<IncidentEvent> fetched = reads.events(incident.id(), afterSeq, size + 1);
        boolean more = fetched.size() > size;
        List<Connection.Edge<IncidentEvent>> edges = new ArrayList<>();
        for (IncidentEvent e : more ? fetched.subList(0, size) : fetched) {
            edges.add(new Connection.Edge<>(Connections.encode("Incident.events", Long.toString(e.seq())), e));
        }
        return new Connection<>(edges, new Connection.PageInfo(more, edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    private static List<UUID> ids(List<Incident> incidents) {
        return incidents.stream().map(Incident::id).distinct().toList();
    }
}
