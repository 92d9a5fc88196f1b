package dev.oncall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.demo.DemoNames;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.OnCallBuckets;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's run command, end to end: the all-in-one run starts from the apps' jars on a
 * fresh data directory, the alert its banner suggests pages someone through the worker's log,
 * the query its banner ends with lists that incident with the token it prints, a corrupted
 * cache entry becomes a visible incident of the self-monitoring service that resolves once the
 * auditor repaired it, it stops cleanly on a termination signal, and a second start finds the
 * data of the first.
 */
class LocalRunTest {
    private static final Duration START = Duration.ofMinutes(4);
    private static final Pattern ROUTING_KEY = Pattern.compile("\"routing_key\":\"([0-9a-f]{32})\"");
    private static final Pattern TOKEN_CURL = Pattern.compile("curl -s (\\S+/graphql) -H 'Authorization: Bearer (\\S+)'");
    private static final Pattern QUERY = Pattern.compile("-d '(\\{\"query\".*})'$");
    private static final Pattern REDIS_PORT = Pattern.compile("Redis \\(port (\\d+)\\)");
    private static final Pattern APP_LINE = Pattern.compile("^(graph-api|regional-worker|audit-auditor) *\\|");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void startsServesStopsAndRestartsOnTheSameData() throws Exception {
        int port = freePortRange();
        Run first = Run.start(data, port);
        String token;
        try {
            List<String> banner = first.awaitBanner(START);
            assertThat(post(port, "/graphql", "{\"query\":\"{ __typename }\"}").statusCode()).isIn(200, 401);
            assertThat(get(port, "/actuator/health/readiness").body()).contains("UP");
            assertThat(get(port + 1, "/actuator/health/readiness").body()).contains("UP");
            assertThat(get(port + 2, "/actuator/health/readiness").body()).contains("UP");
            first.assertPrinted("demo team created");

            // The banner ends with the token and a query to paste, so that is what is seen last.
            Matcher curl = TOKEN_CURL.matcher(banner.get(banner.size() - 2));
            Matcher query = QUERY.matcher(banner.getLast().strip());
            assertThat(curl.find()).as("the banner's last curl: %s", banner).isTrue();
            assertThat(query.find()).as("the banner's last line: %s", banner).isTrue();
            token = curl.group(2);
            assertThat(curl.group(1)).isEqualTo("http://localhost:" + port + "/graphql");
            // The first thing to open: the dashboard, signed in by the link's fragment.
            assertThat(banner).as("the dashboard's sign-in link").contains("    http://localhost:" + port + "/#token=" + token);
            assertThat(get(port, "/").body()).contains("<title>Oncall</title>");
            // Printed by the local run to its user, never logged by an app.
            assertThat(first.lines).filteredOn(l -> l.contains(token)).noneMatch(l -> APP_LINE.matcher(l).find());

            // The printed curl pages the demo team, and the page shows up in the worker's log.
            String key = banner.stream().map(ROUTING_KEY::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no routing key printed"));
            HttpResponse<String> accepted = post(port, "/v2/enqueue", """
                    {"routing_key":"%s","event_action":"trigger",
                     "payload":{"summary":"Disk full on db-1","source":"db-1","severity":"critical"}}""".formatted(key));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            first.await(l -> l.startsWith("regional-worker") && l.contains("message via"), Duration.ofMinutes(1));

            // And the printed query, with the printed token, lists the incident it opened.
            JsonNode listed = graphql(port, token, query.group(1));
            assertThat(listed.toString()).contains("\"title\":\"Disk full on db-1\"");

            // The auditor pages the self-monitoring service about a cache entry corrupted behind
            // the system's back, and the incident resolves on a later pass, once it is repaired.
            Map<BucketKey, String> corrupted = corruptCurrentBuckets(port, token, redisPort(banner));
            JsonNode incident = awaitSelfMonitoringIncident(first, port, token, i -> true, Duration.ofMinutes(1));
            assertThat(incident.path("title").asString()).contains("On-call cache").contains("\"Primary\"");
            awaitSelfMonitoringIncident(first, port, token, i -> i.path("status").asString().equals("RESOLVED"),
                    Duration.ofMinutes(1));
            first.assertPrinted("delivered via events_api");
            try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort(banner));
                 StatefulRedisConnection<String, String> redis = client.connect()) {
                corrupted.forEach((k, wrong) -> assertThat(redis.sync().get(k.redisKey())).as("repaired").isNotEqualTo(wrong));
            }
        } finally {
            first.stop();
        }
        first.assertPrinted("embedded PostgreSQL and Redis stopped");

        Run second = Run.start(data, port);
        try {
            List<String> banner = second.awaitBanner(START);
            second.assertPrinted("demo team already present");
            Matcher curl = TOKEN_CURL.matcher(banner.get(banner.size() - 2));
            assertThat(curl.find()).isTrue();
            assertThat(graphql(port, curl.group(2), "{\"query\":\"{ me { handle } }\"}").toString()).contains("alice");
            // The token of the first start was replaced.
            assertThat(postWithToken(port, token, "{\"query\":\"{ me { handle } }\"}").statusCode()).isEqualTo(401);
        } finally {
            second.stop();
        }
    }

    /**
     * Overwrites the demo schedule's cache entries for this bucket and the next with "the other
     * person all bucket long", as a bad write or a bug would leave them; returns what was written.
     */
    private Map<BucketKey, String> corruptCurrentBuckets(int port, String token, int redisPort) throws Exception {
        JsonNode team = graphql(port, token, """
                        {"query":"{ teams(first: 20) { edges { node { name members(first: 20) { edges { node { user { id } } } } schedules(first: 5) { edges { node { id version onCall { id } } } } } } } }"}""")
                .at("/data/teams/edges").valueStream().map(e -> e.get("node"))
                .filter(t -> t.get("name").asString().equals(DemoNames.TEAM)).findFirst().orElseThrow();
        JsonNode schedule = team.at("/schedules/edges/0/node");
        List<String> onCall = schedule.get("onCall").valueStream().map(u -> u.get("id").asString()).toList();
        String other = team.at("/members/edges").valueStream().map(e -> e.at("/node/user/id").asString())
                .filter(id -> !onCall.contains(id)).findFirst().orElseThrow();
        Instant now = Clock.systemUTC().instant();
        Map<BucketKey, String> written = new LinkedHashMap<>();
        for (Instant bucket : List.of(OnCallBuckets.start(now), OnCallBuckets.end(OnCallBuckets.start(now)))) {
            BucketKey key = new BucketKey(UUID.fromString(schedule.get("id").asString()), schedule.get("version").asLong(), bucket);
            written.put(key, "[{\"s\":\"" + bucket + "\",\"e\":\"" + OnCallBuckets.end(bucket) + "\",\"u\":[\"" + other + "\"]}]");
        }
        try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
             StatefulRedisConnection<String, String> redis = client.connect()) {
            written.forEach((k, v) -> redis.sync().set(k.redisKey(), v));
        }
        return written;
    }

    private JsonNode awaitSelfMonitoringIncident(Run run, int port, String token, Predicate<JsonNode> wanted,
                                                 Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline && run.process.isAlive()) {
            last = graphql(port, token, """
                    {"query":"{ incidents { edges { node { title status service { name } } } } }"}""");
            Optional<JsonNode> found = last.at("/data/incidents/edges").valueStream().map(e -> e.get("node"))
                    .filter(i -> i.at("/service/name").asString().equals(DemoNames.SELF_MONITORING_SERVICE))
                    .filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            run.process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no such incident of " + DemoNames.SELF_MONITORING_SERVICE + " within " + timeout
                + "; last answer: " + last);
    }

    private static int redisPort(List<String> banner) {
        return banner.stream().map(REDIS_PORT::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)))
                .findFirst().orElseThrow(() -> new AssertionError("no Redis port printed"));
    }

    private JsonNode graphql(int port, String token, String body) throws Exception {
        HttpResponse<String> response = postWithToken(port, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.has("errors")).as(response.body()).isFalse();
        return json;
    }

    private HttpResponse<String> postWithToken(int port, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
        private static final String RULE = "=".repeat(80);
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
                    // Seconds, not the local run's default, to keep the test short.
                    "--audit-interval=2s",
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

        /** The banner's lines between its rules, once it is printed whole. */
        List<String> awaitBanner(Duration timeout) throws InterruptedException {
            await(l -> l.contains("Oncall is running"), timeout);
            int start = indexOf(l -> l.contains("Oncall is running"), 0);
            await(l -> indexOf(RULE::equals, start) >= 0, Duration.ofSeconds(10));
            return List.copyOf(lines.subList(start, indexOf(RULE::equals, start)));
        }

        private int indexOf(Predicate<String> line, int from) {
            for (int i = from; i < lines.size(); i++) {
                if (line.test(lines.get(i))) {
                    return i;
                }
            }
            return -1;
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
