package dev.oncall.store.incident;

import dev.oncall.store.redis.RedisConnections;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the region's subscribers after a commit that appended incident events, by publishing
 * the team id on {@value #CHANNEL}. Best effort: subscribers also poll the events table, so a
 * lost message only delays them. A breaker stops a down Redis from slowing every command.
 */
public final class IncidentEventPublisher {
    public static final String CHANNEL = "oncall:incident-events";
    private static final Logger log = LoggerFactory.getLogger(IncidentEventPublisher.class);

    private final RedisConnections redis;
    private final CircuitBreaker breaker = CircuitBreaker.of("incident-events-publish", CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(3).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5)).build());

    public IncidentEventPublisher(RedisConnections redis) {
        this.redis = redis;
    }

    public void publish(UUID teamId) {
        if (!redis.configured() || !breaker.tryAcquirePermission()) {
            return;
        }
        try {
            redis.connection().orElseThrow().async().publish(CHANNEL, teamId.toString())
                    .whenComplete((n, error) -> {
                        if (error == null) {
                            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
                        } else {
                            breaker.onError(0, TimeUnit.NANOSECONDS, error);
                        }
                    });
        } catch (RuntimeException e) {
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            log.debug("incident event wake-up for team {} not published: {}", teamId, e.toString());
        }
    }
}
