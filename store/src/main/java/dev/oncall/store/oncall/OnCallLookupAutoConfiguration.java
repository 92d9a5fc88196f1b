package dev.oncall.store.oncall;

import dev.oncall.store.schedule.ScheduleLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The default {@link OnCallLookup}: straight from the database. Ordered after the Redis-cached
 * lookup's configuration, which replaces it where a Redis is configured.
 */
@AutoConfiguration(after = OnCallCacheAutoConfiguration.class)
public class OnCallLookupAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public OnCallLookup onCallLookup(ScheduleLoader scheduleLoader) {
        return new DirectOnCallLookup(scheduleLoader);
    }
}
