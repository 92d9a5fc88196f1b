package dev.oncall.acceptance.system;

import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The system under test, installed as an operator installs it: graph-api, one regional worker
 * and the auditor (in loop mode) as processes from the jars the build made, on one PostgreSQL and
 * one Redis, with Twilio and the teams' webhook endpoints played by local servers. The operator's
 * first steps are done through the API: with the bootstrap admin's token, a self-monitoring
 * service whose Events API key the auditor pages.
 *
 * <p>Started once per test run and shared by every story; each story makes its own team, so
 * stories neither see nor disturb each other.
 */
public final class Installation implements AutoCloseable {
    private static final Duration START = Duration.ofMinutes(3);
    public static final String REGION = "acceptance";
    public static final String WEBHOOK_SECRET = "acceptance-webhook-signing-secret";
    private static final String WEBHOOK_ENCRYPTION_KEY = "acceptance-webhook-encryption-key-0123456789";
    public static final String SLACK_SIGNING_SECRET = "acceptance-slack-signing-secret";

    private final EmbeddedInfrastructure infra;
    /** Settings every app of this installation gets beyond the shared ones (a fault run's shorter claims, say). */
    private final Map<String, String> extra;
    private final FakeTwilio twilio;
    private final WebhookReceiver webhooks;
    private final int apiPort;
    private final String adminToken;
    private final AppProcess api;
    private AppProcess worker;
    private AppProcess auditor;
    private String selfMonitoringServiceId;
    /** The self-monitoring service's Events API key, which every auditor pages. */
    private String auditorRoutingKey;

    /**
     * Where a region's apps run: its name and its own Redis. Every region shares the one
     * database, as CockroachDB's regions share one logical database.
     */
    public record Region(String name, String redisUrl) {}

    private Installation(Map<String, String> extra) throws IOException {
        this.extra = Map.copyOf(extra);
        infra = EmbeddedInfrastructure.acquire(Optional.empty(), true);
        twilio = new FakeTwilio();
        webhooks = new WebhookReceiver(WEBHOOK_SECRET);
        apiPort = freePort();
        adminToken = "oncall_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Map<String, String> api = common(apiPort, home());
        api.put("oncall.migrations.enabled", "true");
        api.put("oncall.bootstrap.admin-token", adminToken);
        this.api = AppProcess.start("graph-api", jar("graph-api"), api, List.of());
    }

    /** Starts everything; the caller closes it. */
    public static Installation start() {
        return start(Map.of());
    }

    /** Starts everything with {@code extra} settings for every app; the caller closes it. */
    public static Installation start(Map<String, String> extra) {
        return start(extra, installation -> { });
    }

    /**
     * As {@link #start(Map)}, running {@code alongside} (starting more processes, say) once the
     * schema is in place, while the worker and the auditor start: start-up is most of a short run.
     */
    public static Installation start(Map<String, String> extra, Consumer<Installation> alongside) {
        Installation installation = null;
        try {
            installation = new Installation(extra);
            installation.api.awaitReady(installation.url("/actuator/health/readiness"), START);
            Installation started = installation;
            CompletableFuture<Void> more = CompletableFuture.runAsync(() -> alongside.accept(started));
            try {
                installation.startWorkers();
            } finally {
                more.join();
            }
            return installation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (installation != null) {
                installation.close();
            }
            throw e;
        }
    }

    private void startWorkers() throws IOException {
        Gql admin = admin();
        String adminId = admin.data("{ me { id } }").at("/me/id").asString();
        String team = admin.data("{ teams { edges { node { id } } } }").at("/teams/edges/0/node/id").asString();
        String webhook = admin.mutate("addContactMethod", "contactMethod { id }", Map.of(
                "type", "WEBHOOK", "label", "operators", "address", webhooks.url("operators"), "priority", 0))
                .at("/contactMethod/id").asString();
        admin.mutate("addNotificationRule", "notificationRule { id }", Map.of(
                "contactMethodId", webhook, "delaySeconds", 0, "urgency", "HIGH"));
        String policy = admin.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", team, "name", "Operators", "steps", List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", List.of(Map.of("type", "USER", "id", adminId))))))
                .at("/escalationPolicy/id").asString();
        selfMonitoringServiceId = admin.mutate("createService", "service { id }", Map.of(
                "teamId", team, "name", "Oncall self-monitoring", "escalationPolicyId", policy))
                .at("/service/id").asString();
        auditorRoutingKey = admin.mutate("createIntegrationKey", "integrationKey { secret }", Map.of(
                "serviceId", selfMonitoringServiceId, "type", "EVENTS_V2", "name", "auditor"))
                .at("/integrationKey/secret").asString();

        int workerPort = freePort();
        this.worker = AppProcess.start("regional-worker", jar("regional-worker"), workerSettings(workerPort, home()), List.of());

        int auditorPort = freePort();
        this.auditor = AppProcess.start("audit-auditor", jar("audit-auditor"), auditorSettings(auditorPort, home()),
                List.of("--loop"));

        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> this.worker.awaitReady(
                        "http://localhost:" + workerPort + "/actuator/health/readiness", START)),
                CompletableFuture.runAsync(() -> this.auditor.awaitReady(
                        "http://localhost:" + auditorPort + "/actuator/health/readiness", START))).join();
        // The operators' webhook is paged only once verified, and a worker answers for that.
        Verify.webhook(admin, adminId, webhook);
    }

    /** What every app of {@code region} shares: the database, its Redis, the region, the acknowledgement key and the providers. */
    private Map<String, String> common(int port, Region region) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(port));
        p.put("spring.datasource.url", infra.jdbcUrl());
        p.put("spring.datasource.username", infra.username());
        p.put("spring.datasource.password", infra.password());
        p.put("oncall.redis.url", region.redisUrl());
        p.put("oncall.region", region.name());
        p.put("oncall.embedded.enabled", "false");
        p.put("oncall.ack.signing-key", "acceptance-acknowledgement-signing-key-0123456789");
        // Every story calls from 127.0.0.1, and the bad-input sweep names thousands of unknown keys:
        // the per-address limit on them (graph-api's OpenPathLimitsTest) would answer later stories 429.
        p.put("oncall.ingest.unknown-key-limit", "1000000");
        p.put("oncall.ack.public-url", "http://localhost:" + apiPort);
        p.put("oncall.notify.twilio.account-sid", FakeTwilio.ACCOUNT_SID);
        p.put("oncall.notify.twilio.auth-token", FakeTwilio.AUTH_TOKEN);
        p.put("oncall.notify.twilio.from-number", FakeTwilio.FROM_NUMBER);
        p.put("oncall.notify.slack.signing-secret", SLACK_SIGNING_SECRET);
        // The teams' webhook receivers run on this machine: allow-listed, as an operator allows internal receivers.
        p.put("oncall.notify.webhook.allowed-networks", "127.0.0.0/8");
        p.put("oncall.notify.webhook.encryption-key", WEBHOOK_ENCRYPTION_KEY);
        p.putAll(extra);
        return p;
    }

    private Map<String, String> workerSettings(int port, Region region) {
        Map<String, String> worker = common(port, region);
        worker.put("oncall.notify.twilio.base-url", twilio.baseUrl());
        worker.put("oncall.notify.webhook.signing-secret", WEBHOOK_SECRET);
        return worker;
    }

    private Map<String, String> auditorSettings(int port, Region region) {
        Map<String, String> auditor = common(port, region);
        auditor.put("oncall.audit.page.url", url("/v2/enqueue"));
        auditor.put("oncall.audit.page.routing-key", auditorRoutingKey);
        auditor.put("oncall.audit.interval", "2s");
        return auditor;
    }

    /** The installation's own region: its name and the embedded Redis. */
    public Region home() {
        return new Region(REGION, infra.redisUrl());
    }

    private static Path jar(String module) {
        Path root = Path.of(System.getProperty("oncall.root", Path.of("").toAbsolutePath().getParent().toString()));
        String version = System.getProperty("oncall.version", "0.1.0-SNAPSHOT");
        return root.resolve(module).resolve("target").resolve("oncall-" + module + "-" + version + ".jar");
    }

    /** A port nobody listens on now, for one more app or server. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** graph-api's address, e.g. {@code url("/v2/enqueue")}. */
    /** graph-api's port, for a proxy standing between it and a browser. */
    public int apiPort() {
        return apiPort;
    }

    public String url(String path) {
        return "http://localhost:" + apiPort + path;
    }

    public String wsUrl() {
        return "ws://localhost:" + apiPort + "/graphql-ws";
    }

    /** The bootstrap admin, acting through a personal token. */
    public Gql admin() {
        return as(adminToken);
    }

    public Gql as(String token) {
        return new Gql(url(""), token);
    }

    public String adminToken() {
        return adminToken;
    }

    public FakeTwilio twilio() {
        return twilio;
    }

    public WebhookReceiver webhooks() {
        return webhooks;
    }

    public String redisUrl() {
        return infra.redisUrl();
    }

    public String selfMonitoringServiceId() {
        return selfMonitoringServiceId;
    }

    public AppProcess apiProcess() {
        return api;
    }

    public AppProcess workerProcess() {
        return worker;
    }

    public AppProcess auditorProcess() {
        return auditor;
    }

    /** One more graph-api, beside the installation's, at {@link #url}; closing it stops it. */
    public record Api(AppProcess process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * Starts one more graph-api on the same database and Redis with extra settings (OIDC, say), for
     * a story about a configuration the shared one does not have; the caller closes it.
     */
    public Api startApi(String name, Map<String, String> settings) {
        return startApi(name, home(), settings);
    }

    /** One more graph-api of {@code region}, started and ready; the caller closes it. */
    public Api startApi(String name, Region region, Map<String, String> settings) {
        int port = freePort();
        Map<String, String> properties = common(port, region);
        properties.putAll(settings);
        return new Api(startReady(name, "graph-api", port, properties, List.of()), "http://localhost:" + port);
    }

    /** One more regional worker of the installation's region, started and ready; the caller closes it. */
    public AppProcess startWorker(String name) {
        return startWorker(name, home());
    }

    /** One more regional worker of {@code region}, started and ready; the caller closes it. */
    public AppProcess startWorker(String name, Region region) {
        int port = freePort();
        return startReady(name, "regional-worker", port, workerSettings(port, region), List.of());
    }

    /** One more auditor (in loop mode) in {@code region}, paging the self-monitoring service; the caller closes it. */
    public AppProcess startAuditor(String name, Region region) {
        int port = freePort();
        return startReady(name, "audit-auditor", port, auditorSettings(port, region), List.of("--loop"));
    }

    private static AppProcess startReady(String name, String module, int port, Map<String, String> properties,
                                         List<String> args) {
        try {
            AppProcess app = AppProcess.start(name, jar(module), properties, args);
            try {
                app.awaitReady("http://localhost:" + port + "/actuator/health/readiness", START);
            } catch (RuntimeException | Error e) {
                app.close();
                throw e;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL and Redis every app runs on, for tests that stop, freeze or read them. */
    public EmbeddedInfrastructure infrastructure() {
        return infra;
    }

    /** Every app's last lines, for a story that failed. */
    public String tails() {
        StringBuilder out = new StringBuilder();
        for (AppProcess app : new AppProcess[] {api, worker, auditor}) {
            if (app != null) {
                out.append("--- ").append(app.name()).append(app.isAlive() ? "" : " (exited)").append('\n')
                        .append(app.tail()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (AppProcess app : new AppProcess[] {auditor, worker, api}) {
            if (app != null) {
                app.close();
            }
        }
        twilio.close();
        webhooks.close();
        EmbeddedInfrastructure.release(infra);
    }
}
