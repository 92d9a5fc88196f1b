package dev.oncall.store.oncall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The on-call cache; docs/configuration.md lists the settings.
 *
 * @param enabled cache on-call answers in Redis when a Redis is configured
 * @param ttl         how long an entry lives; entries of older versions simply expire
 * @param breakerOpen how long lookups stay away from a Redis that keeps failing before probing it again
 */
@ConfigurationProperties("oncall.oncall-cache")
public record OnCallCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration ttl,
                                    @DefaultValue("10s") Duration breakerOpen) {}
