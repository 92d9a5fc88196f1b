package dev.oncall.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL's server processes, driven as an outage would drive them: stopped and
 * started again on the same port and data directory, frozen and thawed. For tests of the
 * database-down behaviour. The server records in its data directory how it was started
 * ({@code postmaster.opts}) and its process id ({@code postmaster.pid}); both are read from there.
 */
final class PostgresServer {
    private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"");

    private final Path dataDirectory;

    private PostgresServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The server behind {@code postgres}, which must be running: it is asked for its data directory. */
    static PostgresServer of(EmbeddedPostgres postgres) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            return new PostgresServer(Path.of(rs.getString(1)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask the embedded PostgreSQL for its data directory", e);
        }
    }

    /** Fast shutdown, as an operator's or an orchestrator's stop: sessions are ended, the data is kept. */
    void stop() {
        runPgCtl("-D", dataDirectory.toString(), "-m", "fast", "-t", "30", "-w", "stop");
    }

    /** Starts the server again with the arguments it last started with; returns once it accepts connections. */
    void start() {
        List<String> arguments = startArguments();
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("-D")) {
                i++; // pg_ctl passes the data directory itself
            } else {
                quoted.add('"' + arguments.get(i) + '"');
            }
        }
        runPgCtl("-D", dataDirectory.toString(), "-o", String.join(" ", quoted), "-t", "60", "-w", "start");
    }

    /** Sends {@code signal} (STOP, CONT) to the server and every backend process it has forked. */
    void signal(String signal) {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL is not running"));
        String server = Long.toString(postmaster.pid());
        // While the server is stopped it neither forks a backend nor reaps one that exits (its pid
        // stays, a zombie), so the list of backends is complete and every pid in it signalable:
        // stop the server first, and continue it last.
        if (!signal.equals("CONT")) {
            run("kill", "-" + signal, server);
        }
        List<String> backends = postmaster.descendants().map(p -> Long.toString(p.pid())).toList();
        if (!backends.isEmpty()) {
            run(Stream.concat(Stream.of("kill", "-" + signal), backends.stream()).toArray(String[]::new));
        }
        if (signal.equals("CONT")) {
            run("kill", "-" + signal, server);
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL is not running", e);
        }
    }

    /** The server's command line as recorded at its last start: the binary, then its arguments. */
    private List<String> recordedCommand() {
        try {
            String opts = Files.readString(dataDirectory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
            List<String> command = new ArrayList<>();
            int firstQuote = opts.indexOf('"');
            command.add((firstQuote < 0 ? opts : opts.substring(0, firstQuote)).strip());
            Matcher m = ARGUMENT.matcher(opts);
            while (m.find()) {
                command.add(m.group(1));
            }
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL left no postmaster.opts", e);
        }
    }

    private List<String> startArguments() {
        List<String> command = recordedCommand();
        return command.subList(1, command.size());
    }

    private String pgCtl() {
        return Path.of(recordedCommand().getFirst()).resolveSibling("pg_ctl").toString();
    }

    /** pg_ctl, run as zonky runs it: PostgreSQL refuses root, so as root in a user namespace of its own. */
    private void runPgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl());
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) {
        Path output = null;
        try {
            // A file, not a pipe: the server pg_ctl starts keeps its output open long after pg_ctl is done.
            output = Files.createTempFile("oncall-pg-ctl", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
