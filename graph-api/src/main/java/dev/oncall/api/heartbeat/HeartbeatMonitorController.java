package dev.oncall.api.heartbeat;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.service.ServiceRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Heartbeat monitors of a service: members read them (the ping key: managers), managers change them. */
@Controller
class HeartbeatMonitorController {
    private final HeartbeatMonitorRepository monitors;
    private final ServiceRepository services;
    private final Clock clock;

    HeartbeatMonitorController(HeartbeatMonitorRepository monitors, ServiceRepository services, Clock clock) {
        this.monitors = monitors;
        this.services = services;
        this.clock = clock;
    }

    /** A monitor with its service's team, so its key can be guarded by the team's roles. */
    record MonitorView(HeartbeatMonitor monitor, UUID teamId) {}

    record CreateHeartbeatMonitorInput(UUID serviceId, String name, Integer intervalMinutes) {}

    record UpdateHeartbeatMonitorInput(UUID id, String name, Integer intervalMinutes) {}

    record HeartbeatMonitorIdInput(UUID id) {}

    record HeartbeatMonitorPayload(MonitorView heartbeatMonitor, List<UserError> userErrors) {}

    @SchemaMapping(typeName = "Service")
    List<MonitorView> heartbeatMonitors(Service service) {
        return monitors.listByService(service.id()).stream().map(m -> new MonitorView(m, service.teamId())).toList();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    UUID id(MonitorView view) {
        return view.monitor().id();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    Service service(MonitorView view) {
        return services.find(view.monitor().serviceId()).orElseThrow();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    String name(MonitorView view) {
        return view.monitor().name();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    long intervalMinutes(MonitorView view) {
        return view.monitor().interval().toMinutes();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    String state(MonitorView view) {
        return view.monitor().state().name();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    Instant lastPingAt(MonitorView view) {
        return view.monitor().lastPingAt().orElse(null);
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    Instant nextPingDueAt(MonitorView view) {
        return view.monitor().dueAt().orElse(null);
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    int missedCount(MonitorView view) {
        return view.monitor().missedCount();
    }

    @SchemaMapping(typeName = "HeartbeatMonitor")
    String secret(MonitorView view, Caller caller) {
        Access.require(caller, view.teamId(), Role.MANAGER);
        return view.monitor().secret();
    }

    @MutationMapping
    HeartbeatMonitorPayload createHeartbeatMonitor(Caller caller, @Argument CreateHeartbeatMonitorInput input) {
        return Mutations.attempt(() -> {
            Service service = Access.named(caller, services.find(input.serviceId()), Service::teamId, "serviceId",
                    "service", Role.MANAGER);
            HeartbeatMonitor m = monitors.create(service.id(), input.name(), minutes(input.intervalMinutes()),
                    clock.instant());
            return new HeartbeatMonitorPayload(new MonitorView(m, service.teamId()), List.of());
        }, errors -> new HeartbeatMonitorPayload(null, errors));
    }

    @MutationMapping
    HeartbeatMonitorPayload updateHeartbeatMonitor(Caller caller, @Argument UpdateHeartbeatMonitorInput input) {
        return Mutations.attempt(() -> {
            UUID team = manageable(caller, input.id());
            HeartbeatMonitor m = monitors.update(input.id(), input.name(), minutes(input.intervalMinutes()));
            return new HeartbeatMonitorPayload(new MonitorView(m, team), List.of());
        }, errors -> new HeartbeatMonitorPayload(null, errors));
    }

    @MutationMapping
    HeartbeatMonitorPayload rotateHeartbeatMonitorKey(Caller caller, @Argument HeartbeatMonitorIdInput input) {
        return Mutations.attempt(() -> {
            UUID team = manageable(caller, input.id());
            return new HeartbeatMonitorPayload(new MonitorView(monitors.rotateSecret(input.id()), team), List.of());
        }, errors -> new HeartbeatMonitorPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteHeartbeatMonitor(Caller caller, @Argument HeartbeatMonitorIdInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id());
            monitors.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    /** The monitor's team, once the caller is known to manage it. */
    private UUID manageable(Caller caller, UUID id) {
        return teamOf(Access.named(caller, monitors.find(id), this::teamOf, "id", "heartbeat monitor", Role.MANAGER));
    }

    private UUID teamOf(HeartbeatMonitor monitor) {
        return services.find(monitor.serviceId()).orElseThrow().teamId();
    }

    private static Duration minutes(Integer minutes) {
        return minutes == null ? null : Duration.ofMinutes(minutes);
    }
}
