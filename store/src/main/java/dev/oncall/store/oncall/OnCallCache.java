package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Segment;
import dev.oncall.store.redis.RedisConnections;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-call cache in the region's Redis: bucket key to the segments inside the bucket.
 * Redis being absent or down is reported as {@link Optional#empty()}; callers then use the
 * database. Nothing here decides who is on call.
 */
public final class OnCallCache {
    private static final Logger log = LoggerFactory.getLogger(OnCallCache.class);

    private final RedisConnections redis;
    private final Duration ttl;

    public OnCallCache(RedisConnections redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
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
        try {
            var connection = redis.connection();
            if (connection.isEmpty()) {
                return Optional.empty();
            }
            String[] names = keys.stream().map(BucketKey::redisKey).toArray(String[]::new);
            List<KeyValue<String, String>> values = connection.get().sync().mget(names);
            for (int i = 0; i < keys.size(); i++) {
                KeyValue<String, String> kv = values.get(i);
                out.put(keys.get(i), kv.hasValue() ? parse(kv.getValue()) : new CachedBucket.Absent());
            }
            return Optional.of(out);
        } catch (RedisException e) {
            log.debug("on-call cache unavailable: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Stores the bucket's segments with the TTL; false when Redis is unavailable. */
    public boolean put(BucketKey key, List<Segment> segments) {
        try {
            var connection = redis.connection();
            if (connection.isEmpty()) {
                return false;
            }
            connection.get().sync().set(key.redisKey(), BucketCodec.encode(segments), SetArgs.Builder.px(ttl));
            return true;
        } catch (RedisException e) {
            log.debug("on-call cache unavailable: {}", e.toString());
            return false;
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
