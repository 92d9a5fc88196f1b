package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.AppProcess;
import dev.oncall.acceptance.system.Installation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import redis.embedded.RedisServer;

/**
 * The fault run's installation: two regions on the one PostgreSQL, each with its own Redis,
 * graph-apis and workers. The first region is the shared {@link Installation} (its graph-api
 * applies the schema, its auditor pages the self-monitoring service); the second, "acceptance-b",
 * has a Redis started here as the embedded infrastructure starts its own. Every other process
 * starts while the first region's worker and auditor do: start-up is a large part of a short run.
 * Every process is in the {@link Fleet}, which keeps it running.
 */
final class TwoRegions implements AutoCloseable {
    static final String FIRST = Installation.REGION;
    static final String SECOND = "acceptance-b";

    final Installation system;
    final Fleet fleet;
    private final RedisServer secondRedis;
    private final List<String> apiUrls;

    private TwoRegions(Installation system, Fleet fleet, RedisServer secondRedis, List<String> apiUrls) {
        this.system = system;
        this.fleet = fleet;
        this.secondRedis = secondRedis;
        this.apiUrls = List.copyOf(apiUrls);
    }

    /** One process started beside the installation's: its slot's role and region, and the graph-api's address. */
    private record Started(Fleet.Role role, String region, AppProcess process, String url) {}

    /**
     * Starts both regions, each with {@code apis} graph-apis and {@code workers} workers, and
     * {@code auditors} auditors (1: the first region's; 2: one in each).
     */
    static TwoRegions start(Map<String, String> settings, int apis, int workers, int auditors) {
        RedisServer redis = startRedis();
        Installation.Region second = new Installation.Region(SECOND, "redis://127.0.0.1:" + redis.ports().getFirst());
        List<Started> started = Collections.synchronizedList(new ArrayList<>());
        Installation system = null;
        try {
            system = Installation.start(settings, first -> {
                List<CompletableFuture<Void>> starting = new ArrayList<>();
                for (Installation.Region region : List.of(first.home(), second)) {
                    String suffix = region.name().equals(SECOND) ? "-b" : "-a";
                    for (int i = region.name().equals(SECOND) ? 1 : 2; i <= apis; i++) {
                        String name = "graph-api" + suffix + i;
                        starting.add(async(started, () -> {
                            Installation.Api api = first.startApi(name, region, Map.of());
                            return new Started(Fleet.Role.API, region.name(), api.process(), api.url());
                        }));
                    }
                    for (int i = region.name().equals(SECOND) ? 1 : 2; i <= workers; i++) {
                        String name = "regional-worker" + suffix + i;
                        starting.add(async(started, () -> new Started(Fleet.Role.WORKER, region.name(),
                                first.startWorker(name, region), null)));
                    }
                }
                CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            });
            if (auditors > 1) {
                started.add(new Started(Fleet.Role.AUDITOR, SECOND, system.startAuditor("audit-auditor-b", second), null));
            }
        } catch (RuntimeException | Error e) {
            started.forEach(s -> s.process().close());
            if (system != null) {
                system.close();
            }
            stop(redis);
            throw e;
        }
        Fleet fleet = new Fleet();
        fleet.add(Fleet.Role.API, FIRST, system.apiProcess());
        fleet.add(Fleet.Role.WORKER, FIRST, system.workerProcess());
        fleet.add(Fleet.Role.AUDITOR, FIRST, system.auditorProcess());
        List<String> first = new ArrayList<>(List.of(system.url("")));
        List<String> others = new ArrayList<>();
        for (Started s : started) {
            fleet.add(s.role(), s.region(), s.process());
            if (s.url() != null) {
                (s.region().equals(FIRST) ? first : others).add(s.url());
            }
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < Math.max(first.size(), others.size()); i++) {
            if (i < first.size()) {
                urls.add(first.get(i));
            }
            if (i < others.size()) {
                urls.add(others.get(i));
            }
        }
        return new TwoRegions(system, fleet, redis, urls);
    }

    /** Starts a process on a thread of its own: each start mostly waits for its JVM. */
    private static CompletableFuture<Void> async(List<Started> started, Supplier<Started> start) {
        CompletableFuture<Started> process = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                process.complete(start.get());
            } catch (RuntimeException | Error e) {
                process.completeExceptionally(e);
            }
        });
        return process.thenAccept(started::add);
    }

    private static RedisServer startRedis() {
        try {
            RedisServer redis = RedisServer.newRedisServer()
                    .port(Installation.freePort())
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second region's Redis", e);
        }
    }

    /** Every graph-api's address, the regions' alternately, as a sender's load balancer sees them. */
    List<String> apiUrls() {
        return apiUrls;
    }

    /** Each region's Redis, as a fault stops and starts it. */
    List<RegionRedis> redis() {
        return List.of(
                new RegionRedis(FIRST, system.infrastructure()::stopRedis, system.infrastructure()::startRedis),
                new RegionRedis(SECOND, () -> stop(secondRedis), () -> start(secondRedis)));
    }

    private static void start(RedisServer redis) {
        try {
            if (!redis.isActive()) {
                redis.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(RedisServer redis) {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes first (all at once), then the first region's servers and the second Redis. */
    @Override
    public void close() {
        try {
            fleet.close();
        } finally {
            system.close();
            stop(secondRedis);
        }
    }
}
