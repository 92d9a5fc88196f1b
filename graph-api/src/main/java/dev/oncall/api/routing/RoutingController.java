package dev.oncall.api.routing;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.api.ingest.ExampleEvent;
import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.routing.Actions;
import dev.oncall.core.routing.Condition;
import dev.oncall.core.routing.Operator;
import dev.oncall.core.routing.Rule;
import dev.oncall.core.routing.RoutingRules;
import dev.oncall.core.routing.RoutingSpec;
import dev.oncall.core.routing.SeverityUrgency;
import dev.oncall.core.service.Service;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Ids;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.routing.RoutePlanner;
import dev.oncall.store.routing.RoutingRepository;
import dev.oncall.store.routing.StoredRouting;
import dev.oncall.store.service.ServiceRepository;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's routing rules and severity map: members read them and test events against them,
 * managers change them, like the service's other configuration. The rules' input has the shape
 * of the rules file, so both are checked by core's one reader ({@link RoutingSpec}). A route
 * target in another team is refused exactly as a missing one is.
 */
@Controller
class RoutingController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RoutingRepository routing;
    private final ServiceRepository services;
    private final Clock clock;

    RoutingController(RoutingRepository routing, ServiceRepository services, Clock clock) {
        this.routing = routing;
        this.services = services;
        this.clock = clock;
    }

    record RulesView(long version, List<RuleView> rules, ActionsView catchAll) {
        static RulesView of(StoredRouting stored) {
            return new RulesView(stored.version(), stored.rules().rules().stream().map(RuleView::of).toList(),
                    ActionsView.of(stored.rules().catchAll()));
        }
    }

    record RuleView(String name, List<ConditionView> conditions, ActionsView actions) {
        static RuleView of(Rule r) {
            return new RuleView(r.name(), r.conditions().stream().map(ConditionView::of).toList(),
                    ActionsView.of(r.actions()));
        }
    }

    record ConditionView(String field, Operator operator, String value, List<String> values, boolean negate) {
        static ConditionView of(Condition c) {
            Operator op = c.match().operator();
            return new ConditionView(c.field().toString(), op,
                    op == Operator.IN || op == Operator.EXISTS ? null : c.match().values().getFirst(),
                    op == Operator.IN ? c.match().values() : null, c.negated());
        }
    }

    record ActionsView(UUID routeTo, Urgency urgency, Priority priority, boolean suppress, boolean drop) {
        static ActionsView of(Actions a) {
            return new ActionsView(a.routeTo().orElse(null), a.urgency().orElse(null), a.priority().orElse(null),
                    a.suppress(), a.drop());
        }
    }

    record SeverityView(SeverityUrgency.Severity severity, Urgency urgency) {}

    record RoutingRulesPayload(RulesView routingRules, List<UserError> userErrors) {}

    record ServicePayload(Service service, List<UserError> userErrors) {}

    enum RoutingOutcome { PAGE, SUPPRESS, DROP }

    record RoutingTest(String rule, Integer ruleIndex, RoutingOutcome outcome, Service service, Urgency urgency,
                       Priority priority) {}

    record RoutingTestPayload(RoutingTest result, List<UserError> userErrors) {}

    record ImportRoutingRulesInput(UUID serviceId, Long version, String spec) {}

    record SeverityUrgencyInput(SeverityUrgency.Severity severity, Urgency urgency) {}

    record SetSeverityUrgencyInput(UUID serviceId, List<SeverityUrgencyInput> map) {}

    @SchemaMapping(typeName = "Service")
    RulesView routingRules(Service service) {
        return RulesView.of(routing.find(service.id()));
    }

    @SchemaMapping(typeName = "Service")
    List<SeverityView> severityUrgency(Service service) {
        return routing.find(service.id()).severityUrgency().map().entrySet().stream()
                .map(e -> new SeverityView(e.getKey(), e.getValue())).sorted((a, b) -> a.severity().compareTo(b.severity()))
                .toList();
    }

    @SchemaMapping(typeName = "Incident")
    Priority priority(Incident incident) {
        return incident.priority().orElse(null);
    }

    @MutationMapping
    RoutingRulesPayload setRoutingRules(Caller caller, @Argument Map<String, Object> input) {
        return Mutations.attempt(() -> {
            UUID serviceId = manageable(caller, input.get("serviceId"));
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("rules", input.get("rules"));
            tree.put("catchAll", input.get("catchAll"));
            RoutingRules rules = RoutingSpec.read(JSON.valueToTree(tree));
            long version = ((Number) input.get("version")).longValue();
            return new RoutingRulesPayload(RulesView.of(routing.replaceRules(serviceId, version, rules)), List.of());
        }, errors -> new RoutingRulesPayload(null, errors));
    }

    @MutationMapping
    RoutingRulesPayload importRoutingRules(Caller caller, @Argument ImportRoutingRulesInput input) {
        return Mutations.attempt(() -> {
            UUID serviceId = manageable(caller, input.serviceId());
            RoutingRules rules;
            try {
                rules = RoutingSpec.parse(input.spec());
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream().map(f -> new FieldError(
                        f.field().isEmpty() ? "spec" : "spec." + f.field(), f.message())).toList());
            }
            try {
                return new RoutingRulesPayload(RulesView.of(routing.replaceRules(serviceId, input.version(), rules)),
                        List.of());
            } catch (ValidationException e) {
                // Route targets are named by their place in the file.
                throw new ValidationException(e.errors().stream().map(f -> new FieldError(
                        f.field().equals("version") || f.field().equals("serviceId") ? f.field() : "spec." + f.field(),
                        f.message())).toList());
            }
        }, errors -> new RoutingRulesPayload(null, errors));
    }

    @MutationMapping
    ServicePayload setSeverityUrgency(Caller caller, @Argument SetSeverityUrgencyInput input) {
        return Mutations.attempt(() -> {
            UUID serviceId = manageable(caller, input.serviceId());
            Map<SeverityUrgency.Severity, Urgency> map = new EnumMap<>(SeverityUrgency.Severity.class);
            Problems problems = new Problems();
            for (int i = 0; i < input.map().size(); i++) {
                SeverityUrgencyInput entry = input.map().get(i);
                problems.check(map.put(entry.severity(), entry.urgency()) == null, "map[" + i + "].severity",
                        "names " + entry.severity().code() + " a second time");
            }
            problems.throwIfAny();
            routing.setSeverityUrgency(serviceId, new SeverityUrgency(map));
            return new ServicePayload(services.find(serviceId).orElseThrow(), List.of());
        }, errors -> new ServicePayload(null, errors));
    }

    @QueryMapping
    String exportRoutingRules(Caller caller, @Argument UUID serviceId, @Argument ScheduleSpec.Format format) {
        Service service = Access.visible(caller, services.find(serviceId), Service::teamId, "service");
        return RoutingSpec.write(routing.find(service.id()).rules(), format == null ? ScheduleSpec.Format.YAML : format);
    }

    @QueryMapping
    RoutingTestPayload testRouting(Caller caller, @Argument UUID serviceId, @Argument String event) {
        try {
            Service service = Access.named(caller, services.find(serviceId), Service::teamId, "serviceId", "service");
            AlertFields fields = ExampleEvent.read(event, "event");
            RoutePlanner.Plan plan = routing.preview(service.id(), fields);
            RoutingOutcome outcome = plan.drop() ? RoutingOutcome.DROP
                    : plan.suppress() || plan.service().inMaintenanceAt(clock.instant()) ? RoutingOutcome.SUPPRESS
                    : RoutingOutcome.PAGE;
            return new RoutingTestPayload(new RoutingTest(plan.decision().rule().orElse(null),
                    plan.decision().ruleIndex().orElse(null), outcome, plan.drop() ? null : plan.service(),
                    outcome == RoutingOutcome.PAGE ? plan.urgency() : null,
                    outcome == RoutingOutcome.PAGE ? plan.priority().orElse(null) : null), List.of());
        } catch (ValidationException e) {
            // A query's arguments are top-level: its problems are named without an input prefix.
            return new RoutingTestPayload(null, e.errors().stream().map(f -> new UserError(f.field(), f.message()))
                    .toList());
        }
    }

    private UUID manageable(Caller caller, Object id) {
        UUID serviceId = id instanceof UUID u ? u : Ids.parse(String.valueOf(id))
                .orElseThrow(() -> ValidationException.of("serviceId", Ids.problem(String.valueOf(id)).orElseThrow()));
        return Access.named(caller, services.find(serviceId), Service::teamId, "serviceId", "service", Role.MANAGER)
                .id();
    }
}
