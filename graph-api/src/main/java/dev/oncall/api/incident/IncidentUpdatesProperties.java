package dev.oncall.api.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The incidentUpdates subscription (docs/configuration.md).
 *
 * @param poll       how often each subscription reads the events table even without a wake-up
 *                   from Redis: the longest an event waits when Redis is down
 * @param redisRetry how often a graph-api without a wake-up connection to Redis tries to open one
 */
@ConfigurationProperties("oncall.api.incident-updates")
public record IncidentUpdatesProperties(@DefaultValue("5s") Duration poll, @DefaultValue("10s") Duration redisRetry) {}
