package dev.oncall.api.schedule;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.api.schedule.LayerInputs.LayerInput;
import dev.oncall.api.schedule.ScheduleViews.LayerView;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.validation.Problems;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Layers;
import dev.oncall.store.schedule.StoredLayer;
import dev.oncall.store.team.TeamRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Changing schedules and layers: managers. Every change carries the version it read where it
 * replaces configuration, and bumps the schedule's version (the store does both).
 */
@Controller
class ScheduleMutations {
    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final Layers layers;
    private final TeamRepository teams;

    ScheduleMutations(Schedules schedules, ScheduleLoader scheduleLoader, Layers layers, TeamRepository teams) {
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.layers = layers;
        this.teams = teams;
    }

    record CreateScheduleInput(UUID teamId, String name, String description, String timezone, List<LayerInput> layers) {}

    record UpdateScheduleInput(UUID id, Long version, String name, String description, String timezone) {}

    record IdInput(UUID id) {}

    record AddLayerInput(UUID scheduleId, Long version, LayerInput layer) {}

    record UpdateLayerInput(UUID id, Long version, LayerInput layer) {}

    record DeleteLayerInput(UUID id, Long version) {}

    record SetLayersInput(UUID scheduleId, Long version, List<LayerInput> layers) {}

    record SchedulePayload(ScheduleInfo schedule, List<UserError> userErrors) {}

    record LayerPayload(LayerView layer, ScheduleInfo schedule, List<UserError> userErrors) {}

    @MutationMapping
    SchedulePayload createSchedule(Caller caller, @Argument CreateScheduleInput input) {
        return Mutations.attempt(() -> {
            Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.MANAGER);
            List<Layer> layers = layers(input.layers(), "layers");
            var created = schedules.create(input.teamId(), input.name(), input.description(), input.timezone(), layers,
                    List.of(), caller.userId());
            return new SchedulePayload(created.info(), List.of());
        }, errors -> new SchedulePayload(null, errors));
    }

    @MutationMapping
    SchedulePayload updateSchedule(Caller caller, @Argument UpdateScheduleInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id(), "id");
            return new SchedulePayload(schedules.update(input.id(), input.version(), input.name(), input.description(),
                    input.timezone()), List.of());
        }, errors -> new SchedulePayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteSchedule(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.id(), "id");
            schedules.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @MutationMapping
    LayerPayload addLayer(Caller caller, @Argument AddLayerInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.scheduleId(), "scheduleId");
            Layer layer = layer(input.layer());
            StoredLayer added = layers.add(input.scheduleId(), input.version(), layer);
            return layerPayload(input.scheduleId(), added.id());
        }, errors -> new LayerPayload(null, null, errors));
    }

    @MutationMapping
    LayerPayload updateLayer(Caller caller, @Argument UpdateLayerInput input) {
        return Mutations.attempt(() -> {
            UUID scheduleId = scheduleOfLayer(caller, input.id());
            Layer layer = layer(input.layer());
            layers.update(input.id(), input.version(), layer);
            return layerPayload(scheduleId, input.id());
        }, errors -> new LayerPayload(null, null, errors));
    }

    @MutationMapping
    DeletePayload deleteLayer(Caller caller, @Argument DeleteLayerInput input) {
        return Mutations.attempt(() -> {
            UUID scheduleId = scheduleOfLayer(caller, input.id());
            layers.delete(input.id(), input.version());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @MutationMapping
    SchedulePayload setLayers(Caller caller, @Argument SetLayersInput input) {
        return Mutations.attempt(() -> {
            manageable(caller, input.scheduleId(), "scheduleId");
            layers.replaceAll(input.scheduleId(), input.version(), layers(input.layers(), "layers"));
            return new SchedulePayload(schedules.find(input.scheduleId()).orElseThrow(), List.of());
        }, errors -> new SchedulePayload(null, errors));
    }

    private ScheduleInfo manageable(Caller caller, UUID scheduleId, String field) {
        return Access.named(caller, schedules.find(scheduleId), ScheduleInfo::teamId, field, "schedule", Role.MANAGER);
    }

    /** The schedule of a layer, which is the caller's to manage. */
    private UUID scheduleOfLayer(Caller caller, UUID layerId) {
        UUID scheduleId = Access.named(caller, layers.scheduleOf(layerId),
                s -> schedules.find(s).orElseThrow().teamId(), "id", "layer");
        manageable(caller, scheduleId, "id");
        return scheduleId;
    }

    private LayerPayload layerPayload(UUID scheduleId, UUID layerId) {
        List<StoredLayer> layers = scheduleLoader.layersOf(List.of(scheduleId)).getOrDefault(scheduleId, List.of());
        LayerView view = ScheduleViews.layers(layers).stream().filter(l -> l.id().equals(layerId)).findFirst().orElseThrow();
        return new LayerPayload(view, schedules.find(scheduleId).orElseThrow(), List.of());
    }

    private static List<Layer> layers(List<LayerInput> inputs, String field) {
        Problems problems = new Problems();
        List<Layer> layers = LayerInputs.read(problems, field, inputs);
        problems.throwIfAny();
        return layers;
    }

    private static Layer layer(LayerInput input) {
        Problems problems = new Problems();
        Layer layer = LayerInputs.read(problems.at("layer"), input);
        problems.throwIfAny();
        return Optional.ofNullable(layer).orElseThrow();
    }
}
