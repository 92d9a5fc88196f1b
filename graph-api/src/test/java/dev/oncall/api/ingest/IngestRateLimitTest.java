package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.MutableClock;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * The ingest rate limit of several graph-api "pods" (each its own {@link IngestRateLimit} with its
 * own connection) on one real Redis of their region, driven by a clock the test moves. This class
 * starts a Redis of its own, so stopping or pausing it disturbs no other test.
 */
class IngestRateLimitTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);
    static RedisServer redis;
    static int port;

    final MutableClock clock = new MutableClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<RedisConnections> connections = new ArrayList<>();
    final UUID key = UUID.randomUUID();

    @BeforeAll
    static void startRedis() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @AfterEach
    void closeConnections() throws IOException {
        connections.forEach(RedisConnections::close);
        if (!redis.isActive()) {
            redis.start();
        }
    }

    static RedisConnections admin() {
        return new RedisConnections(new PlatformProperties.Redis("redis://127.0.0.1:" + port, Duration.ofSeconds(2)));
    }

    IngestRateLimit pod(int limit, Duration period) {
        RedisConnections connection = admin();
        connections.add(connection);
        return new IngestRateLimit(new IngestProperties(524_288, limit, period, Duration.ofSeconds(10),
                Duration.ofMillis(250), Duration.ofSeconds(10), 30, 30), connection, clock, meters);
    }

    /** Offers {@code count} events of the key at the clock's instant; returns how many were admitted. */
    static int offer(IngestRateLimit pod, UUID key, int count) {
        int admitted = 0;
        for (int i = 0; i < count; i++) {
            if (pod.acquire(key).admitted()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void aWindowsEdgeLetsNoSecondBurstThroughTheRegion() {
        // The burst on one pod, the probes on another: the shared log in Redis decides.
        IngestRateLimit burst = pod(600, MINUTE);
        IngestRateLimit probe = pod(600, MINUTE);
        assertNoSecondBurst(burst, probe);
    }

    @Test
    void aWindowsEdgeLetsNoSecondBurstThroughAPodWithoutRedis() throws IOException {
        redis.stop();
        IngestRateLimit pod = pod(600, MINUTE);
        assertNoSecondBurst(pod, pod);
    }

    private void assertNoSecondBurst(IngestRateLimit burst, IngestRateLimit probe) {
        clock.set(T0.plusMillis(59_900));
        assertThat(offer(burst, key, 700)).as("a burst just before a minute's edge").isEqualTo(600);

        clock.set(T0.plusMillis(60_100));
        Admission after = probe.acquire(key);

        // A fixed window that starts again at the minute would take 600 more here.
        assertThat(after.admitted()).isFalse();
        assertThat(after.retryAfter()).isEqualTo(Duration.ofMillis(59_800));
        assertThat(after.retryAfterSeconds()).isEqualTo(60);

        clock.set(T0.plusMillis(119_900).minusNanos(1_000));
        assertThat(probe.acquire(key).admitted()).as("a microsecond before the burst leaves the window").isFalse();
        clock.set(T0.plusMillis(119_900));
        assertThat(offer(probe, key, 700)).as("once the burst has left the window").isEqualTo(600);
    }

    @Test
    void underASteadyFloodNoWindowAnywhereHoldsMoreThanTheLimit() {
        List<IngestRateLimit> pods = List.of(pod(50, Duration.ofSeconds(10)), pod(50, Duration.ofSeconds(10)));
        List<Instant> admitted = new ArrayList<>();
        // Ten events every 250 ms for a minute, spread over two pods: 40 a second offered, 5 allowed.
        for (int tick = 0; tick < 240; tick++) {
            clock.set(T0.plusMillis(250L * tick));
            for (int i = 0; i < 10; i++) {
                if (pods.get(i % 2).acquire(key).admitted()) {
                    admitted.add(clock.instant());
                }
            }
        }

        for (Instant start : admitted) {
            long inWindow = admitted.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(10))).count();
            assertThat(inWindow).as("events in the 10 s from %s", start).isLessThanOrEqualTo(50);
        }
        // And the limit is used, not starved: 50 per 10 s over 60 s.
        assertThat(admitted).hasSize(300);
    }

    @Test
    void twoPodsOfARegionShareOneCount() {
        IngestRateLimit a = pod(20, MINUTE);
        IngestRateLimit b = pod(20, MINUTE);

        assertThat(offer(a, key, 12)).isEqualTo(12);
        assertThat(offer(b, key, 12)).as("the other pod gets what is left").isEqualTo(8);
        assertThat(offer(a, key, 1)).isZero();

        Admission refused = b.acquire(key);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(MINUTE);
        assertThat(offer(a, UUID.randomUUID(), 20)).as("another key has its own count").isEqualTo(20);
    }

    @Test
    void podsRacingForTheLastPlacesAdmitExactlyTheLimit() throws Exception {
        List<IngestRateLimit> pods = List.of(pod(100, MINUTE), pod(100, MINUTE), pod(100, MINUTE));
        List<Callable<Integer>> senders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            IngestRateLimit pod = pods.get(i % pods.size());
            senders.add(() -> offer(pod, key, 50));
        }
        int admitted = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> f : threads.invokeAll(senders)) {
                admitted += f.get();
            }
        }
        assertThat(admitted).isEqualTo(100);
    }

    @Test
    void withRedisDownEachPodStillLimitsOnItsOwnAndRemembersWhatItAccepted() throws IOException {
        IngestRateLimit a = pod(20, MINUTE);
        IngestRateLimit b = pod(20, MINUTE);
        assertThat(offer(a, key, 15)).isEqualTo(15);

        redis.stop();

        assertThat(offer(a, key, 10)).as("this pod had accepted 15 of its 20").isEqualTo(5);
        assertThat(offer(b, key, 30)).as("each pod alone: the other pod's 20").isEqualTo(20);
        Admission refused = a.acquire(key);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(MINUTE);
        assertThat(b.sharedUnavailable()).as("after failing calls, Redis is skipped for a while").isTrue();

        clock.advance(MINUTE);
        assertThat(offer(a, key, 30)).as("the pod's own window slides too").isEqualTo(20);
    }

    @Test
    void aRedisThatStopsAnsweringCostsATimeoutNotAnError() {
        IngestRateLimit pod = pod(20, MINUTE);
        assertThat(offer(pod, key, 1)).isEqualTo(1);
        try (RedisConnections admin = admin()) {
            // Writes (the script) wait until the pause ends; CLIENT UNPAUSE still gets through.
            admin.connection().orElseThrow().sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(30_000).add("WRITE"));
            try {
                // Each waits the short timeout (not the connection's 2 s), then the breaker opens.
                assertThat(offer(pod, key, 10)).isEqualTo(10);
                assertThat(pod.sharedUnavailable()).isTrue();
                assertThat(meters.get("oncall.circuit.breaker.open").tag("breaker", "ingest-rate-limit").gauge().value())
                        .isEqualTo(1);
                assertThat(offer(pod, key, 30)).as("the pod's own limit: 20").isEqualTo(9);
            } finally {
                admin.connection().orElseThrow().sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
            }
        }
    }

    @Test
    void aRedisThatForgotTheScriptIsTaughtItAgain() {
        IngestRateLimit pod = pod(20, MINUTE);
        assertThat(offer(pod, key, 5)).isEqualTo(5);
        try (RedisConnections admin = admin()) {
            admin.connection().orElseThrow().sync().scriptFlush();
        }

        assertThat(offer(pod, key, 5)).isEqualTo(5);
        assertThat(pod.sharedUnavailable()).isFalse();
        assertThat(offer(pod(20, MINUTE), key, 30)).as("another pod counts the same log").isEqualTo(10);
    }

    @Test
    void theLogLivesNoLongerThanTheWindow() {
        IngestRateLimit pod = pod(20, MINUTE);
        offer(pod, key, 3);
        try (RedisConnections admin = admin()) {
            String redisKey = SharedSlidingWindow.KEY_PREFIX + key;
            assertThat(admin.connection().orElseThrow().sync().zcard(redisKey)).isEqualTo(3);
            assertThat(admin.connection().orElseThrow().sync().pttl(redisKey)).isBetween(1L, MINUTE.toMillis() + 1);
        }
    }
}
