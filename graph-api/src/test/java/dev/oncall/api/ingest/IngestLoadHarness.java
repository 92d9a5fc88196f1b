package dev.oncall.api.ingest;

import dev.oncall.api.GraphApiApplication;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load harness, not a test (docs/benchmarks.md, "Alerts and escalation"): the real graph-api on
 * the embedded PostgreSQL and Redis, sent {@code -Devents=20000} PagerDuty Events v2 triggers over
 * HTTP by {@code -Dconcurrency=32} senders after {@code -Dwarmup=80000} unmeasured ones; first each a new alert (the full path: alert,
 * incident, event, first timer in one transaction), then repeats of 100 open alerts (dedup).
 */
public final class IngestLoadHarness {
    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 20_000);
        int concurrency = Integer.getInteger("concurrency", 32);
        // Long enough for the JIT to finish compiling the hot path: measured phases are steady state.
        int warmup = Integer.getInteger("warmup", 80_000);
        TestInfrastructure infra = TestInfrastructure.get();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GraphApiApplication.class).properties(
                "spring.datasource.url=" + infra.newDatabaseUrl(), "spring.datasource.username=" + infra.username(),
                "oncall.redis.url=" + infra.redisUrl(), "oncall.region=bench", "server.port=0",
                "oncall.ingest.rate-limit=100000000", "logging.level.root=WARN").run();
        try {
            IncidentScenario scenario = new IncidentScenario(new IncidentScenario.Repositories(
                    app.getBean(TeamRepository.class), app.getBean(UserRepository.class),
                    app.getBean(ContactRepository.class), app.getBean(Schedules.class), app.getBean(Overrides.class),
                    app.getBean(PolicyRepository.class), app.getBean(ServiceRepository.class)),
                    0, Duration.ofMinutes(5), Optional.empty());
            URI uri = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/v2/enqueue");
            String key = scenario.eventsKey.secret();
            IntFunction<String> fresh = i -> event(key, "new-" + i);
            IntFunction<String> repeated = i -> event(key, "repeat-" + (i % 100));
            run("warm-up", uri, warmup, concurrency,
                    i -> event(key, i % 2 == 0 ? "warm-" + i : "warm-repeat-" + (i % 100)));
            run("new alerts", uri, events, concurrency, fresh);
            run("deduplicated", uri, events, concurrency, repeated);
            io.micrometer.core.instrument.MeterRegistry meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            meters.find("oncall.tx.retries").counters().forEach(c -> System.out.printf(
                    "serialization retries in %s: %.0f%n", c.getId().getTag("tx"), c.count()));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static String event(String key, String dedup) {
        return """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"CPU above 90%% on web","source":"web-1","severity":"critical",
                            "custom_details":{"cpu":0.93}}}""".formatted(key, dedup);
    }

    private static void run(String name, URI uri, int n, int concurrency, IntFunction<String> body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        Semaphore slots = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                slots.acquire();
                String payload = body.apply(i);
                senders.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        micros.add((System.nanoTime() - t0) / 1000);
                        slots.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s: %d events in %.1f s = %.0f events/s, %d not accepted; request p50 %.1f ms, p99 %.1f ms%n",
                name, n, seconds, n / seconds, failures.get(), sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0);
        http.close();
    }
}
