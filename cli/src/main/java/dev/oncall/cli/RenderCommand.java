package dev.oncall.cli;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.spec.TimelineJson;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render who is on call over [--from, --to): segments, and gaps where nobody is.")
final class RenderCommand implements Callable<Integer> {
    enum Format { json, table }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Schedule file (YAML or JSON).")
    private Path file;

    @Option(names = "--from", required = true, paramLabel = "INSTANT", converter = Inputs.InstantConverter.class,
            description = "Start of the range, e.g. 2026-03-09T00:00:00Z.")
    private Instant from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", converter = Inputs.InstantConverter.class,
            description = "End of the range (exclusive).")
    private Instant to;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|table",
            description = "json (UTC instants, to the second) or table (local times). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--zone", paramLabel = "ZONE", converter = Inputs.ZoneConverter.class,
            description = "Zone the table shows local times in. Default: the schedule's zone.")
    private ZoneId zone;

    @Override
    public Integer call() {
        Schedule schedule = Inputs.schedule(file);
        if (!to.isAfter(from)) {
            throw new BadInputException("--to (" + to + ") must be after --from (" + from + ")");
        }
        Timeline timeline;
        try {
            timeline = ScheduleEngine.render(schedule, from, to);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        String output = format == Format.json
                ? TimelineJson.write(timeline)
                : TimelineTable.write(timeline, from, to, schedule.zone(), zone == null ? schedule.zone() : zone);
        spec.commandLine().getOut().print(output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
