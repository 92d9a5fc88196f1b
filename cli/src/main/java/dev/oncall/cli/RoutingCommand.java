package dev.oncall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code oncall routing}: routing rules as code, checked and tried offline with the service's own rules. */
@Command(name = "routing", mixinStandardHelpOptions = true,
        description = "Check a routing rules file and test example events against it (see docs/alerts.md).",
        subcommands = {RoutingCheckCommand.class, RoutingTestCommand.class})
final class RoutingCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
