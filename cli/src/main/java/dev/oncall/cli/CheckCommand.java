package dev.oncall.cli;

import dev.oncall.core.schedule.Schedule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a schedule file: every problem is reported, with its field path.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Schedule file (YAML or JSON).")
    private Path file;

    @Override
    public Integer call() {
        Schedule schedule = Inputs.schedule(file);
        spec.commandLine().getOut().println("ok: " + file + ": " + schedule.layers().size() + " layer(s), "
                + schedule.overrides().size() + " override(s), " + schedule.coverRequests().size()
                + " cover request(s), timezone " + schedule.zone().getId());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
