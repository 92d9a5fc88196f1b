package dev.oncall.api.service;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.grouping.Grouping;
import dev.oncall.core.grouping.GroupingMode;
import dev.oncall.core.grouping.GroupingSettings;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.core.validation.Problems;
import dev.oncall.store.grouping.GroupingSettingsRepository;
import dev.oncall.store.service.ServiceRepository;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A service's alert grouping: members read it, managers change it, like the rest of the service. */
@Controller
class AlertGroupingController {
    private final GroupingSettingsRepository settings;
    private final ServiceRepository services;

    AlertGroupingController(GroupingSettingsRepository settings, ServiceRepository services) {
        this.settings = settings;
        this.services = services;
    }

    /** The GraphQL shape of {@link GroupingSettings}: paths as text, the window in minutes. */
    record AlertGroupingView(GroupingMode mode, List<String> fields, Long windowMinutes, boolean resolveWithLastAlert) {
        static AlertGroupingView of(GroupingSettings s) {
            Grouping g = s.grouping();
            return new AlertGroupingView(g.mode(), g.fields().stream().map(Object::toString).toList(),
                    g.window().map(Duration::toMinutes).orElse(null), s.resolveWithLastAlert());
        }
    }

    record SetServiceAlertGroupingInput(UUID serviceId, GroupingMode mode, List<String> fields, Integer windowMinutes,
                                        Boolean resolveWithLastAlert) {}

    record GroupingPayload(Service service, List<UserError> userErrors) {}

    @SchemaMapping(typeName = "Service")
    AlertGroupingView alertGrouping(Service service, Caller caller) {
        Access.read(caller, service.teamId());
        return AlertGroupingView.of(settings.find(service.id()));
    }

    @MutationMapping
    GroupingPayload setServiceAlertGrouping(Caller caller, @Argument SetServiceAlertGroupingInput input) {
        return Mutations.attempt(() -> {
            Service service = Access.named(caller, services.find(input.serviceId()), Service::teamId, "serviceId",
                    "service", Role.MANAGER);
            Problems problems = new Problems();
            Grouping grouping = Grouping.parse(input.mode().code(), input.fields(), input.windowMinutes(), problems)
                    .orElse(null);
            problems.throwIfAny();
            settings.save(service.id(), new GroupingSettings(grouping,
                    input.resolveWithLastAlert() == null || input.resolveWithLastAlert()));
            return new GroupingPayload(services.find(service.id()).orElseThrow(), List.of());
        }, errors -> new GroupingPayload(null, errors));
    }
}
