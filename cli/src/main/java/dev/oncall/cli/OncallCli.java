package dev.oncall.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code oncall}: schedules and routing rules as code, from the command line. Bad input (an unreadable or invalid
 * file, a malformed option) ends with exit code 2 and one line on stderr.
 */
@Command(
        name = "oncall",
        mixinStandardHelpOptions = true,
        version = "oncall 0.1.0",
        description = "Render and check on-call schedule files (YAML or JSON, see docs/schedules.md),"
                + " check routing rules files and test example events against them (see docs/alerts.md).",
        subcommands = {RenderCommand.class, WhoCommand.class, CheckCommand.class, RoutingCommand.class})
public final class OncallCli implements Runnable {
    /** Exit code for input the tool refuses: a bad file, option or range. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure that is the tool's fault, not the input's. */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its output streams, as tests drive it in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new OncallCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("oncall: " + oneLine(e.getMessage())
                    + " (see oncall " + commandName(e.getCommandLine()) + "--help)");
            e.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter errors = command.getErr();
            if (e instanceof BadInputException) {
                errors.println("oncall: " + oneLine(e.getMessage()));
                errors.flush();
                return BAD_INPUT;
            }
            errors.println("oncall: internal error: " + oneLine(String.valueOf(e)));
            errors.flush();
            return INTERNAL_ERROR;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String commandName(CommandLine cli) {
        return cli.getParent() == null ? "" : cli.getCommandName() + " ";
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
