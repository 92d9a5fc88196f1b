package dev.oncall.local;

import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The all-in-one local run: an embedded PostgreSQL (data kept in .oncall-local/) and Redis,
 * then graph-api (which migrates and seeds the demo team), the regional worker (notifications
 * go to the log) and the auditor in loop mode, paging the demo team's self-monitoring service.
 * Options: {@code --data-dir}, {@code --port} (graph-api's; the worker and the auditor take the
 * next two), {@code --audit-interval} (e.g. {@code 10s}) and the three apps' jars. Ctrl-C stops
 * them all, then the databases.
 */
public final class LocalRun {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Shorter than a deployment's minute, so a newcomer sees a mismatch paged within seconds. */
    private static final String DEFAULT_AUDIT_INTERVAL = "10s";
    private static final SecureRandom RANDOM = new SecureRandom();

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

        // Chosen here and handed over in the environment (not on the command line, which other
        // users of the machine can read), so the banner can print it and graph-api never logs it.
        String token = newToken();
        Map<String, String> apiEnv = new HashMap<>(env);
        apiEnv.put("ONCALL_MIGRATIONS_ENABLED", "true");
        apiEnv.put("ONCALL_DEMO_ENABLED", "true");
        apiEnv.put("ONCALL_DEMO_ADMIN_TOKEN", token);
        apiEnv.put("SERVER_PORT", Integer.toString(port));
        AppProcess api = AppProcess.start("graph-api", Path.of(required(options, "graph-api")), apiEnv, List.of(), out);
        apps.add(api);
        api.awaitReady(readiness(port), START_TIMEOUT);
        // The demo data is seeded before graph-api reports ready.
        DemoKeys keys = DemoKeys.read(infra);

        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("ONCALL_MIGRATIONS_ENABLED", "false");
        workerEnv.put("SERVER_PORT", Integer.toString(port + 1));
        AppProcess worker = AppProcess.start("regional-worker", Path.of(required(options, "regional-worker")),
                workerEnv, List.of(), out);
        apps.add(worker);
        // The auditor starts once a worker is up: its first pass would otherwise page that the
        // region has no live worker.
        worker.awaitReady(readiness(port + 1), START_TIMEOUT);

        String auditInterval = options.getOrDefault("audit-interval", DEFAULT_AUDIT_INTERVAL);
        Map<String, String> auditorEnv = new HashMap<>(workerEnv);
        auditorEnv.put("SERVER_PORT", Integer.toString(port + 2));
        auditorEnv.put("ONCALL_AUDIT_INTERVAL", auditInterval);
        keys.selfMonitoring().ifPresent(key -> {
            auditorEnv.put("ONCALL_AUDIT_PAGE_URL", "http://localhost:" + port + "/v2/enqueue");
            auditorEnv.put("ONCALL_AUDIT_PAGE_ROUTING_KEY", key);
        });
        // A pass that finds nothing is not news every few seconds; mismatches and pages still are.
        AppProcess auditor = AppProcess.start("audit-auditor", Path.of(required(options, "audit-auditor")),
                auditorEnv, List.of("--loop", "--logging.level.dev.oncall.auditor.run.Auditor=WARN"), out);
        apps.add(auditor);
        auditor.awaitReady(readiness(port + 2), START_TIMEOUT);

        out.println(new Banner(port, infra.postgresPort(), infra.redisPort(), dataDir, keys, auditInterval, token).text());
        // Runs until Ctrl-C (the shutdown hook stops everything) or until an app dies on its own.
        CompletableFuture.anyOf(apps.stream().map(AppProcess::onExit).toArray(CompletableFuture[]::new)).join();
        if (!stopping.get()) {
            apps.stream().filter(a -> !a.isAlive()).findFirst()
                    .ifPresent(a -> out.println(a.name() + " stopped unexpectedly; stopping the others"));
            System.exit(1);
        }
    }

    private static String readiness(int port) {
        return "http://localhost:" + port + "/actuator/health/readiness";
    }

    /** A token of the documented form, as {@code oncall_$(openssl rand -hex 24)} makes one. */
    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "oncall_" + HexFormat.of().formatHex(bytes);
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
