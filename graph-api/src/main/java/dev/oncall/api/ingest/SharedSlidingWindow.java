package dev.oncall.api.ingest;

import dev.oncall.platform.redis.RedisBreaker;
import dev.oncall.platform.redis.RedisConnections;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region's ingest rate limit, shared by every graph-api of the region through its Redis: per
 * integration key, a sorted set of the events accepted in the last {@code period} (a sliding log,
 * scored by time), checked and appended by one Lua script, so concurrent pods cannot both take
 * the last place. One round trip per event.
 *
 * <p>Time is the pods' injected {@link Clock}, passed to the script, not Redis's {@code TIME}: the
 * local fallback counts on the same clock, so a pod that switches between the two mid-window sees
 * one timeline, and tests drive both. Every pod's clock is already trusted for escalation timers;
 * a skew of {@code s} between pods only narrows the guarantee to windows of {@code period - s}
 * (milliseconds under NTP, against a window of a minute).
 *
 * <p>Redis being absent, down or slower than {@code timeout} is answered {@link Optional#empty()}
 * (the caller falls back to its own pod's limit); a breaker then keeps events away from it for
 * {@code breakerOpen}, so a hanging Redis costs a few events a timeout each, not every event.
 */
final class SharedSlidingWindow {
    private static final Logger log = LoggerFactory.getLogger(SharedSlidingWindow.class);
    static final String KEY_PREFIX = "oncall:ingest-rate:";

    /**
     * KEYS[1] the key's log; ARGV now, the horizon (now - period), the limit, a unique member, the
     * log's TTL (ms). Times are µs since the epoch, computed in Java and passed as strings: Redis's
     * Lua prints numbers with 14 significant digits, which would round a 16-digit score. Drops the
     * events that left the window (at or before the horizon), then appends this one if there is
     * room. Answers 0 when accepted, else the µs until the oldest event leaves the window.
     */
    static final String SCRIPT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) - tonumber(ARGV[2]))
            """;

    private final RedisConnections redis;
    private final int limit;
    private final long periodMicros;
    private final long ttlMillis;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    /** Members must be unique per event, across pods: this pod's random prefix and a counter. */
    private final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final AtomicLong sequence = new AtomicLong();
    private volatile String digest;

    SharedSlidingWindow(RedisConnections redis, int limit, Duration period, Duration timeout, Duration breakerOpen,
                        Clock clock) {
        this.redis = redis;
        this.limit = limit;
        this.periodMicros = period.toNanos() / 1_000;
        this.ttlMillis = period.toMillis() + 1;
        this.timeout = timeout;
        this.breaker = RedisBreaker.of("ingest-rate-limit", breakerOpen, clock);
    }

    /** True while the breaker keeps events away from Redis (open or probing). */
    boolean breakerOpen() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /** The shared answer for an event of {@code key} at {@code now}; empty when Redis cannot give it. */
    Optional<Admission> tryAcquire(UUID key, Instant now) {
        if (!redis.configured()) {
            return Optional.empty();
        }
        try {
            long waitMicros = breaker.executeSupplier(() -> run(key, now));
            return Optional.of(waitMicros <= 0 ? Admission.ADMITTED : Admission.refused(Duration.of(waitMicros, ChronoUnit.MICROS)));
        } catch (RedisException | CallNotPermittedException e) {
            log.debug("shared ingest rate limit unavailable, the pod's own limit applies: {}", e.toString());
            return Optional.empty();
        }
    }

    private long run(UUID key, Instant now) {
        RedisAsyncCommands<String, String> commands = redis.connection().orElseThrow().async();
        String[] keys = {KEY_PREFIX + key};
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        String[] args = {Long.toString(nowMicros), Long.toString(nowMicros - periodMicros), Integer.toString(limit),
                instance + ":" + sequence.incrementAndGet(), Long.toString(ttlMillis)};
        String sha = digest;
        if (sha == null) {
            sha = commands.digest(SCRIPT);
            digest = sha;
        }
        try {
            return await(commands.evalsha(sha, ScriptOutputType.INTEGER, keys, args));
        } catch (RedisNoScriptException e) {
            // Redis restarted (or failed over) and forgot the script: EVAL loads it again.
            return await(commands.eval(SCRIPT, ScriptOutputType.INTEGER, keys, args));
        }
    }

    /** Waits at most {@code timeout}: far shorter than the connection's own, as every alert waits on it. */
    private long await(RedisFuture<Long> reply) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new RedisCommandTimeoutException("no answer from Redis within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RedisException redisError ? redisError : new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted waiting for Redis", e);
        }
    }
}
