package dev.oncall.local;

import dev.oncall.store.embedded.EmbeddedInfrastructure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The all-in-one local run: an embedded PostgreSQL (data kept in .oncall-local/) and Redis,
 * then graph-api (which migrates and seeds the demo team), the regional worker (notifications
 * go to the log) and the auditor in loop mode. Ctrl-C stops them all, then the databases.
 */
public final class LocalRun {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    // Set once Ctrl-C began the shutdown: apps exiting then are expected, and System.exit
    // must not be called from inside shutdown (it would block forever).
    private static final AtomicBoolean stopping = new AtomicBoolean();

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        PrintStream out = System.out;
        Path dataDir = Path.of(options.getOrDefault("data-dir", ".oncall-local/postgres")).toAbsolutePath();
        int port = Integer.parseInt(options.getOrDefault("port", "8080"));
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.acquire(Optional.of(dataDir), false);
        List<AppProcess> apps = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("stopping Oncall ...");
            for (int i = apps.size() - 1; i >= 0; i--) {
                apps.get(i).stop(STOP_GRACE);
            }
            EmbeddedInfrastructure.release(infra);
            out.println("stopped; data kept in " + dataDir);
        }, "oncall-local-stop"));

        Map<String, String> env = new HashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("ONCALL_EMBEDDED_ENABLED", "false");
        env.put("SPRING_DATASOURCE_URL", infra.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", infra.username());
        env.put("SPRING_DATASOURCE_PASSWORD", infra.password());
        env.put("ONCALL_REDIS_URL", infra.redisUrl());
        env.put("ONCALL_REGION", "local");

        Map<String, String> apiEnv = new HashMap<>(env);
        apiEnv.put("ONCALL_MIGRATIONS_ENABLED", "true");
        apiEnv.put("ONCALL_DEMO_ENABLED", "true");
        apiEnv.put("SERVER_PORT", Integer.toString(port));
        AppProcess api = AppProcess.start("graph-api", Path.of(required(options, "graph-api")), apiEnv, List.of(), out);
        apps.add(api);
        api.awaitReady("http://localhost:" + port + "/actuator/health/readiness", START_TIMEOUT);

        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("ONCALL_MIGRATIONS_ENABLED", "false");
        workerEnv.put("SERVER_PORT", Integer.toString(port + 1));
        AppProcess worker = AppProcess.start("regional-worker", Path.of(required(options, "regional-worker")),
                workerEnv, List.of(), out);
        apps.add(worker);
        Map<String, String> auditorEnv = new HashMap<>(workerEnv);
        auditorEnv.put("SERVER_PORT", Integer.toString(port + 2));
        AppProcess auditor = AppProcess.start("audit-auditor", Path.of(required(options, "audit-auditor")),
                auditorEnv, List.of("--loop"), out);
        apps.add(auditor);
        worker.awaitReady("http://localhost:" + (port + 1) + "/actuator/health/readiness", START_TIMEOUT);

        out.println(banner(infra, port));
        // Runs until Ctrl-C (the shutdown hook stops everything) or until an app dies on its own.
        CompletableFuture.anyOf(apps.stream().map(AppProcess::onExit).toArray(CompletableFuture[]::new)).join();
        if (!stopping.get()) {
            apps.stream().filter(a -> !a.isAlive()).findFirst()
                    .ifPresent(a -> out.println(a.name() + " stopped unexpectedly; stopping the others"));
            System.exit(1);
        }
    }

    private static String banner(EmbeddedInfrastructure infra, int port) {
        String key = demoRoutingKey(infra).orElse("<an integration key>");
        return """

                ================================================================================
                Oncall is running (graph-api :%1$d, regional-worker :%2$d, auditor :%3$d)
                on an embedded PostgreSQL (port %4$d) and Redis (port %5$d).

                  GraphiQL:  http://localhost:%1$d/graphiql
                  Health:    http://localhost:%1$d/actuator/health

                  Trigger an alert on the demo service (PagerDuty Events API v2):
                    curl -s http://localhost:%1$d/v2/enqueue -H 'Content-Type: application/json' \\
                      -d '{"routing_key":"%6$s","event_action":"trigger","payload":{"summary":"Disk full on db-1","source":"db-1","severity":"critical"}}'

                  Notifications are written to the regional-worker log below.
                  Stop with Ctrl-C; the data stays in .oncall-local/ for the next start.
                ================================================================================
                """.formatted(port, port + 1, port + 2, infra.postgresPort(), infra.redisPort(), key);
    }

    private static Optional<String> demoRoutingKey(EmbeddedInfrastructure infra) {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT k.secret FROM integration_keys k JOIN services s ON s.id = k.service_id
                     JOIN teams t ON t.id = s.team_id
                     WHERE t.name = 'Demo' AND k.type = 'events_v2' ORDER BY k.created_at LIMIT 1""")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + "=<path to its jar>");
        }
        return v;
    }
}
