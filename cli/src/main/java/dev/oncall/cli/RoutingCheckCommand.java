package dev.oncall.cli;

import dev.oncall.core.routing.RoutingRules;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a routing rules file: every problem is reported, with its field path.")
final class RoutingCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULES", description = "Routing rules file (YAML or JSON).")
    private Path file;

    @Override
    public Integer call() {
        RoutingRules rules = Inputs.routingRules(file);
        spec.commandLine().getOut().println("ok: " + file + ": " + rules.rules().size() + " rule(s), catch-all "
                + ActionsText.of(rules.catchAll()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
