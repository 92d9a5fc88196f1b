package dev.oncall.worker.escalation;

import dev.oncall.platform.redis.RedisConnections;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on escalation timers in the region's Redis, so two workers do not hold the same timer:
 * {@code SET key token NX PX ttl} to take one, a compare-and-expire script to renew it, a
 * compare-and-delete script to give it back. The token is unique to one acquisition, so a worker
 * can never renew or release a lease that expired and was taken by someone else.
 *
 * <p>Leases are an optimisation; the database's conditional update is the guarantee. Every call
 * goes through a circuit breaker: when Redis fails, callers are told it is unavailable and fall
 * back to claiming timers in the database.
 */
public final class TimerLeases {
    private static final Logger log = LoggerFactory.getLogger(TimerLeases.class);
    private static final String KEY_PREFIX = "oncall:timer-lease:";
    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end""";
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end""";

    private final RedisConnections redis;
    private final String workerId;
    private final Duration ttl;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    public TimerLeases(RedisConnections redis, String workerId, Duration ttl, EscalationProperties.RedisBreaker settings,
                       Duration timeout) {
        this.redis = redis;
        this.workerId = workerId;
        this.ttl = ttl;
        this.timeout = timeout;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(Math.min(2, settings.slidingWindowSize()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(settings.waitInOpen())
                .build());
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The outcome of trying to lease a batch: who got which token, or Redis unavailable. */
    public record Acquired(boolean available, Map<UUID, String> tokens) {}

    /** Tries to lease every timer; the ones another worker holds are simply absent from the result. */
    public Acquired acquire(Collection<UUID> timers) {
        if (timers.isEmpty()) {
            return new Acquired(true, Map.of());
        }
        return call(commands -> {
            Map<UUID, String> tokens = new HashMap<>();
            Map<UUID, RedisFuture<String>> sent = new HashMap<>();
            for (UUID t : timers) {
                String token = workerId + ":" + UUID.randomUUID();
                tokens.put(t, token);
                sent.put(t, commands.set(KEY_PREFIX + t, token, SetArgs.Builder.nx().px(ttl.toMillis())));
            }
            await(sent.values());
            Map<UUID, String> won = new HashMap<>();
            for (var e : sent.entrySet()) {
                if ("OK".equals(e.getValue().get())) {
                    won.put(e.getKey(), tokens.get(e.getKey()));
                }
            }
            return new Acquired(true, won);
        }, new Acquired(false, Map.of()));
    }

    /** Renews held leases; returns the timers whose lease was lost (expired, or Redis restarted). */
    public Set<UUID> renew(Map<UUID, String> held) {
        if (held.isEmpty()) {
            return Set.of();
        }
        return call(commands -> {
            Map<UUID, RedisFuture<Long>> sent = new HashMap<>();
            held.forEach((t, token) -> sent.put(t, commands.eval(RENEW, ScriptOutputType.INTEGER,
                    new String[] {KEY_PREFIX + t}, token, Long.toString(ttl.toMillis()))));
            await(sent.values());
            Set<UUID> lost = new HashSet<>();
            for (var e : sent.entrySet()) {
                if (e.getValue().get() != 1L) {
                    lost.add(e.getKey());
                }
            }
            return lost;
        }, Set.of());
    }

    /** Gives leases back (compare-and-delete); best effort, they expire anyway. */
    public void release(Map<UUID, String> held) {
        if (held.isEmpty()) {
            return;
        }
        call(commands -> {
            List<RedisFuture<Long>> sent = new ArrayList<>();
            held.forEach((t, token) -> sent.add(commands.eval(RELEASE, ScriptOutputType.INTEGER,
                    new String[] {KEY_PREFIX + t}, token)));
            await(sent);
            return null;
        }, null);
    }

    private interface RedisWork<T> {
        T run(RedisAsyncCommands<String, String> commands) throws Exception;
    }

    private <T> T call(RedisWork<T> work, T unavailable) {
        if (!redis.configured()) {
            return unavailable;
        }
        try {
            return breaker.executeCheckedSupplier(() -> work.run(redis.connection().orElseThrow().async()));
        } catch (CallNotPermittedException e) {
            return unavailable;
        } catch (Throwable e) {
            log.warn("redis lease call failed, timers fall back to database claims: {}", e.toString());
            return unavailable;
        }
    }

    private void await(Collection<? extends RedisFuture<?>> futures) {
        if (!LettuceFutures.awaitAll(timeout.toMillis(), TimeUnit.MILLISECONDS, futures.toArray(new RedisFuture[0]))) {
            throw new IllegalStateException("redis did not answer within " + timeout);
        }
    }
}
