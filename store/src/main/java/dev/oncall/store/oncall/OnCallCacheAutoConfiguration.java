package dev.oncall.store.oncall;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.db.Transactions;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.schedule.ScheduleLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Makes the Redis-cached lookup every app's {@link OnCallLookup} when a Redis is configured.
 * Ordered before {@link OnCallLookupAutoConfiguration}, whose direct lookup is only a default.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(OnCallCacheProperties.class)
@Conditional(OnCallCacheAutoConfiguration.RedisCacheConfigured.class)
public class OnCallCacheAutoConfiguration {

    @Bean
    public OnCallCache onCallCache(RedisConnections redis, OnCallCacheProperties properties, Clock clock) {
        return new OnCallCache(redis, properties.ttl(), properties.breakerOpen(), clock);
    }

    @Bean
    public CachedOnCallLookup cachedOnCallLookup(Transactions tx, ScheduleLoader scheduleLoader, OnCallCache cache,
                                                 ObjectProvider<MeterRegistry> meters) {
        return new CachedOnCallLookup(tx, scheduleLoader, cache, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** A Redis URL is set and the cache is not switched off. */
    static final class RedisCacheConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean redis = binder.bind("oncall.redis.url", String.class).map(u -> !u.isBlank()).orElse(false);
            boolean enabled = binder.bind("oncall.oncall-cache.enabled", Boolean.class).orElse(true);
            return redis && enabled ? ConditionOutcome.match("oncall.redis.url is set")
                    : ConditionOutcome.noMatch("no Redis configured or oncall.oncall-cache.enabled=false");
        }
    }
}
