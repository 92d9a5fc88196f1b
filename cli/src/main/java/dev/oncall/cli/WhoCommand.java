package dev.oncall.cli;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.spec.TimelineJson;
import dev.oncall.core.user.UserRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "who", mixinStandardHelpOptions = true,
        description = "Who is on call at an instant: one user per line, in shift order.")
final class WhoCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Schedule file (YAML or JSON).")
    private Path file;

    @Option(names = "--at", required = true, paramLabel = "INSTANT", converter = Inputs.InstantConverter.class,
            description = "The instant, e.g. 2026-03-09T13:00:00Z.")
    private Instant at;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (one user per line, nothing when nobody is on call) or json. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() {
        Schedule schedule = Inputs.schedule(file);
        List<String> users;
        try {
            users = ScheduleEngine.onCallAt(schedule, at).stream().map(UserRef::value).toList();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println("{\"at\": \"" + TimelineJson.instant(at) + "\", \"users\": ["
                    + users.stream().map(WhoCommand::quote).collect(Collectors.joining(", ")) + "]}");
        } else {
            users.forEach(out::println);
        }
        out.flush();
        return 0;
    }

    private static String quote(String user) {
        return "\"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
