package dev.oncall.cli;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.AlertShape;
import dev.oncall.core.alert.AlertmanagerAlert;
import dev.oncall.core.alert.EventsV2Alert;
import dev.oncall.core.routing.Actions;
import dev.oncall.core.routing.Decision;
import dev.oncall.core.routing.Routing;
import dev.oncall.core.routing.RoutingRules;
import dev.oncall.core.spec.Nodes;
import dev.oncall.core.spec.ScheduleSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which rule an example event meets and what would happen to it, offline: the event's fields are
 * read by core as ingest reads them and decided by the same {@link Routing#decide}. What only the
 * service knows (its severity map and default urgency, a maintenance window) is named, not guessed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Which rule an example event matches and what would happen to it: route, urgency, priority,"
                + " suppress or drop.")
final class RoutingTestCommand implements Callable<Integer> {
    enum Format { text, json }

    enum Outcome { page, suppress, drop }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULES", description = "Routing rules file (YAML or JSON).")
    private Path rulesFile;

    @Parameters(index = "1", paramLabel = "EVENT",
            description = "Example event (JSON): an Events API v2 event, an Alertmanager alert, or an Alertmanager"
                    + " webhook body (each of its alerts is tested).")
    private Path eventFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() {
        RoutingRules rules = Inputs.routingRules(rulesFile);
        JsonNode event = Inputs.jsonObject(eventFile);
        AlertShape shape = AlertShape.of(event);
        List<AlertFields> alerts = switch (shape) {
            case EVENTS_V2 -> List.of(EventsV2Alert.fields(event));
            case ALERTMANAGER_ALERT -> List.of(AlertmanagerAlert.fields(event, null));
            case ALERTMANAGER_WEBHOOK -> AlertmanagerAlert.fieldsOf(event);
        };
        if (alerts.isEmpty()) {
            throw new BadInputException(eventFile + " is not an example event: alerts has no alert to test");
        }
        if (shape == AlertShape.EVENTS_V2 && !event.path("payload").isObject()) {
            throw new BadInputException(eventFile + " is not an example event: payload is required,"
                    + " an object with summary, source and severity");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean many = shape == AlertShape.ALERTMANAGER_WEBHOOK;
        if (format == Format.json) {
            ArrayNode results = Nodes.JSON.createArrayNode();
            alerts.forEach(a -> results.add(json(a, Routing.decide(rules, a))));
            out.print(Nodes.write(many ? results : results.get(0), ScheduleSpec.Format.JSON));
        } else {
            for (int i = 0; i < alerts.size(); i++) {
                if (many) {
                    out.println((i == 0 ? "" : System.lineSeparator()) + "alerts[" + i + "]:");
                }
                text(out, alerts.get(i), Routing.decide(rules, alerts.get(i)), many ? "  " : "");
            }
        }
        out.flush();
        return 0;
    }

    private static Outcome outcome(Actions actions) {
        return actions.drop() ? Outcome.drop : actions.suppress() ? Outcome.suppress : Outcome.page;
    }

    private static void text(PrintWriter out, AlertFields alert, Decision decision, String indent) {
        Actions actions = decision.actions();
        out.println(indent + "alert:    " + quote(alert.summary()) + ", source " + quote(alert.source()) + ", severity "
                + quote(alert.severity()));
        out.println(indent + "rule:     " + decision.ruleIndex().map(i -> "rules[" + i + "] " + quote(decision.rule()
                .orElseThrow())).orElse("none matched: the catch-all applies"));
        out.println(indent + "actions:  " + ActionsText.of(actions));
        out.println(indent + "outcome:  " + switch (outcome(actions)) {
            case drop -> "drop: the alert is not recorded";
            case suppress -> "suppress: recorded without paging";
            case page -> "page (unless the service is in maintenance)";
        });
        if (actions.drop()) {
            return;
        }
        out.println(indent + "service:  " + actions.routeTo().map(s -> "routed to " + s)
                .orElse("the service that received it"));
        if (!actions.suppress()) {
            out.println(indent + "urgency:  " + actions.urgency().map(u -> u.code())
                    .orElse("the service's severity map for " + quote(alert.severity()) + ", else its default"));
            out.println(indent + "priority: " + actions.priority().map(p -> p.code()).orElse("none"));
        }
    }

    private static ObjectNode json(AlertFields alert, Decision decision) {
        Actions actions = decision.actions();
        ObjectNode node = Nodes.JSON.createObjectNode();
        ObjectNode fields = node.putObject("alert");
        fields.put("summary", alert.summary()).put("source", alert.source()).put("severity", alert.severity());
        node.put("rule", decision.rule().orElse(null));
        if (decision.ruleIndex().isPresent()) {
            node.put("ruleIndex", decision.ruleIndex().get());
        } else {
            node.putNull("ruleIndex");
        }
        node.put("outcome", outcome(actions).name());
        node.put("routeTo", actions.routeTo().map(Object::toString).orElse(null));
        // Null: decided by the service's severity map and default urgency, which only the service knows.
        node.put("urgency", actions.urgency().map(u -> u.code()).orElse(null));
        node.put("priority", actions.priority().map(p -> p.code()).orElse(null));
        node.put("suppress", actions.suppress());
        node.put("drop", actions.drop());
        return node;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
