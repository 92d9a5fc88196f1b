package dev.oncall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, end to end: the all-in-one run starts from the apps' jars on a
 * fresh data directory, the alert its banner suggests pages someone through the worker's log,
 * it stops cleanly on a termination signal, and a second start finds the data of the first.
 */
class LocalRunTest {
    private static final Duration START = Duration.ofMinutes(4);
    private static final Pattern ROUTING_KEY = Pattern.compile("\"routing_key\":\"([0-9a-f]{32})\"");
    private static final Pattern TOKEN = Pattern.compile("Bearer (\\S+)'");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void startsServesStopsAndRestartsOnTheSameData() throws Exception {
        int port = freePortRange();
        Run first = Run.start(data, port);
        try {
            first.await(l -> l.contains("Oncall is running"), START);
            assertThat(post(port, "/graphql", "{\"query\":\"{ __typename }\"}").statusCode()).isIn(200, 401);
            assertThat(get(port, "/actuator/health/readiness").body()).contains("UP");
            assertThat(get(port + 1, "/actuator/health/readiness").body()).contains("UP");
            first.assertPrinted("demo team created");

            // The printed curl pages the demo team, and the page shows up in the worker's log.
            String key = first.lines.stream().map(ROUTING_KEY::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no routing key printed"));
            HttpResponse<String> accepted = post(port, "/v2/enqueue", """
                    {"routing_key":"%s","event_action":"trigger",
                     "payload":{"summary":"Disk full on db-1","source":"db-1","severity":"critical"}}""".formatted(key));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            first.await(l -> l.startsWith("regional-worker") && l.contains("message via"), Duration.ofMinutes(1));

            // And the README's query, with the printed token, lists the incident it opened.
            String token = first.lines.stream().map(TOKEN::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no API token printed"));
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"query":"{ incidents(filter: {status: [TRIGGERED]}) { edges { node { id title status assignees { name } } } } }"}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"title\":\"Disk full on db-1\"").doesNotContain("\"errors\"");
        } finally {
            first.stop();
        }
        first.assertPrinted("embedded PostgreSQL and Redis stopped");

        Run second = Run.start(data, port);
        try {
            second.await(l -> l.contains("Oncall is running"), START);
            second.assertPrinted("demo team already present");
        } finally {
            second.stop();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Three consecutive free ports, the first returned. */
    private static int freePortRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            }
            if (base < 65000 && free(base + 1) && free(base + 2)) {
                return base;
            }
        }
        throw new IllegalStateException("no three consecutive free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** LocalRun in its own JVM, as the README starts it, its output collected line by line. */
    private static final class Run {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        private Run(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Run start(Path data, int port) throws IOException {
            Path root = Path.of(System.getProperty("user.dir")).getParent();
            String version = System.getProperty("oncall.version", "0.1.0-SNAPSHOT");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                    LocalRun.class.getName(),
                    "--data-dir=" + data.resolve("postgres"),
                    "--port=" + port,
                    "--graph-api=" + jar(root, "graph-api", version),
                    "--regional-worker=" + jar(root, "regional-worker", version),
                    "--audit-auditor=" + jar(root, "audit-auditor", version));
            return new Run(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private static String jar(Path root, String module, String version) {
            Path jar = root.resolve(module).resolve("target").resolve("oncall-" + module + "-" + version + ".jar");
            assertThat(Files.isRegularFile(jar)).as("%s is built before the local module runs its tests", jar).isTrue();
            return jar.toString();
        }

        void await(Predicate<String> line, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (lines.stream().anyMatch(line)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("LocalRun exited early:\n" + String.join("\n", tail()));
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
            throw new AssertionError("timed out; last output:\n" + String.join("\n", tail()));
        }

        private List<String> tail() {
            return lines.subList(Math.max(0, lines.size() - 60), lines.size());
        }

        /** SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks: apps first, then the databases. */
        void stop() throws InterruptedException {
            // Through the handle: Process.destroy() would also close our end of its output.
            process.toHandle().destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("LocalRun did not stop within 90 s");
            }
            // The output thread may still be draining the last lines.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.contains("stopped; data kept"))) {
                Thread.onSpinWait();
            }
        }

        void assertPrinted(String text) {
            if (lines.stream().noneMatch(l -> l.contains(text))) {
                try {
                    Files.write(Path.of("target", "local-run-output.log"), lines);
                } catch (IOException e) {
                    // the assertion below says enough
                }
                throw new AssertionError("expected a line with \"" + text + "\" among " + lines.size()
                        + " lines; last output:\n" + String.join("\n", tail()));
            }
        }
    }
}
