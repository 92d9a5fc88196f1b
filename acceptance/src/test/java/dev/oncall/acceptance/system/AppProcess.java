package dev.oncall.acceptance.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of the apps as its operator runs it: its own JVM started from the jar the build made, set
 * up through command-line properties, its output kept in {@code target/acceptance-logs/<name>.log}
 * (and in memory, so a test can wait for a line and a failure can show the tail).
 */
public final class AppProcess implements AutoCloseable {
    private static final HttpClient READINESS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String name;
    private final List<String> command;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Where {@link #awaitReady(String, Duration)} last found it ready, so a restart can wait the same way. */
    private volatile String readiness;

    private AppProcess(String name, List<String> command, Process process, Path log, boolean append) {
        this.name = name;
        this.command = command;
        this.process = process;
        Thread pump = new Thread(() -> pump(log, append), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java -jar <jar> --key=value ...} with the given properties. */
    public static AppProcess start(String name, Path jar, Map<String, String> properties, List<String> args)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the acceptance suite runs after the apps are packaged");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xss512k", "-Duser.timezone=Pacific/Chatham"));
        // -jar <jar>, or launched with a clock the test steps (SteppedClocks, when a fault run enables it).
        command.addAll(SteppedClocks.launch(name, jar));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.addAll(args);
        return launch(name, List.copyOf(command), false);
    }

    private static AppProcess launch(String name, List<String> command, boolean append) throws IOException {
        Path logs = Path.of("target", "acceptance-logs");
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new AppProcess(name, command, process, logs.resolve(name + ".log"), append);
    }

    /**
     * The same app started again with the same command line, as an orchestrator restarts a
     * dead container; its output goes on in the same log. Waits until it is ready where this one
     * was last found ready.
     */
    public AppProcess restarted(Duration timeout) {
        AppProcess again = relaunched();
        if (readiness != null) {
            again.awaitReady(readiness, timeout);
        }
        return again;
    }

    /**
     * The same app started again, without waiting for it: it is ready when {@link #isReady()}
     * says so, at the address where this one was found ready.
     */
    public AppProcess relaunched() {
        try {
            AppProcess again = launch(name, command, true);
            again.readiness = readiness;
            return again;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a lost node ends a process: no shutdown hook runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code signal} (STOP freezes the whole JVM, CONT lets it go on where it stopped);
     * false when the process had already exited, which a caller racing its death must expect.
     */
    public boolean signal(String signal) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " did not return");
            }
            if (kill.exitValue() == 0) {
                return true;
            }
            // The process exited between the look and the signal: its pid names nothing now.
            if (!process.isAlive()) {
                return false;
            }
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + said);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void pump(Path log, boolean append) {
        OpenOption[] options = append
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new OpenOption[0];
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8, options), true)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                out.println(line);
            }
        } catch (IOException e) {
            lines.add("(output closed: " + e.getMessage() + ")");
        }
    }

    public String name() {
        return name;
    }

    /** Waits until {@code url} answers 200, failing early when the app exits. */
    public void awaitReady(String url, Duration timeout) {
        Poll.until(name + " ready at " + url, timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                boolean ready = READINESS.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                if (ready) {
                    readiness = url;
                }
                return ready;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Whether the app printed a line matching {@code line} so far. */
    public boolean printed(Predicate<String> line) {
        return lines.stream().anyMatch(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once it has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Where it was last found ready, e.g. to read its other actuator endpoints beside it. */
    public Optional<String> readinessUrl() {
        return Optional.ofNullable(readiness);
    }

    /** One look at the address where it was last found ready (none yet: not ready). */
    public boolean isReady() {
        String url = readiness;
        if (url == null || !process.isAlive()) {
            return false;
        }
        try {
            return READINESS.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM (a graceful shutdown, as an orchestrator does), then SIGKILL if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
