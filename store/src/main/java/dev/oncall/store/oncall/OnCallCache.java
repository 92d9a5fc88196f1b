package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Segment;
import dev.oncall.platform.redis.RedisBreaker;
import dev.oncall.platform.redis.RedisConnections;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-call cache in the region's Redis: bucket key to the segments inside the bucket.
 * Redis being absent or down is reported as {@link Optional#empty()}; callers then use the
 * database. Nothing here decides who is on call.
 *
 * <p>A circuit breaker stops asking a Redis that keeps failing for {@code breakerOpen}: a
 * Redis that hangs instead of refusing would otherwise add a command timeout to every
 * on-call lookup, that is to every alert.
 */
public final class OnCallCache {
    private static final Logger log = LoggerFactory.getLogger(OnCallCache.class);

    private final RedisConnections redis;
    private final Duration ttl;
    private final CircuitBreaker breaker;

    public OnCallCache(RedisConnections redis, Duration ttl, Duration breakerOpen, Clock clock) {
        this.redis = redis;
        this.ttl = ttl;
        this.breaker = RedisBreaker.of("oncall-cache", breakerOpen, clock);
    }

    /** True while the breaker keeps lookups away from Redis (open or probing). */
    public boolean breakerOpen() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /** The entry for {@code key}; empty when Redis is unavailable. */
    public Optional<CachedBucket> get(BucketKey key) {
        return getAll(List.of(key)).map(m -> m.get(key));
    }

    /** Entries for many keys in one round trip (MGET); empty when Redis is unavailable. */
    public Optional<Map<BucketKey, CachedBucket>> getAll(List<BucketKey> keys) {
        Map<BucketKey, CachedBucket> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return Optional.of(out);
        }
        return call(connection -> {
            String[] names = keys.stream().map(BucketKey::redisKey).toArray(String[]::new);
            List<KeyValue<String, String>> values = connection.sync().mget(names);
            for (int i = 0; i < keys.size(); i++) {
                KeyValue<String, String> kv = values.get(i);
                out.put(keys.get(i), kv.hasValue() ? parse(kv.getValue()) : new CachedBucket.Absent());
            }
            return out;
        });
    }

    /** Stores the bucket's segments with the TTL; false when Redis is unavailable. */
    public boolean put(BucketKey key, List<Segment> segments) {
        return call(connection -> connection.sync().set(key.redisKey(), BucketCodec.encode(segments), SetArgs.Builder.px(ttl)))
                .isPresent();
    }

    /** Runs {@code command} on Redis through the breaker; empty when Redis is absent, down or shunned. */
    private <T> Optional<T> call(Function<StatefulRedisConnection<String, String>, T> command) {
        if (!redis.configured()) {
            return Optional.empty();
        }
        try {
            return Optional.of(breaker.executeSupplier(() -> command.apply(redis.connection().orElseThrow())));
        } catch (RedisException | CallNotPermittedException e) {
            log.debug("on-call cache unavailable: {}", e.toString());
            return Optional.empty();
        }
    }

    private static CachedBucket parse(String raw) {
        try {
            return new CachedBucket.Present(BucketCodec.decode(raw));
        } catch (BucketCodec.CorruptEntry e) {
            return new CachedBucket.Corrupt(raw);
        }
    }
}
