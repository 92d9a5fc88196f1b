package dev.oncall.store.incident;

import dev.oncall.platform.redis.RedisConnections;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the region's subscribers after a commit that appended incident events, by publishing
 * the team id on {@value #CHANNEL}, and the region's workers when a timer became due at once. Best effort: subscribers also poll the events table, so a
 * lost message only delays them. A breaker stops a down Redis from slowing every command.
 */
public final class IncidentEventPublisher {
    public static final String CHANNEL = "oncall:incident-events";
    /** Tells the region's workers that a timer is due now (message: the region), so they poll at once. */
    public static final String TIMERS_DUE = "oncall:timers-due";
    private static final Logger log = LoggerFactory.getLogger(IncidentEventPublisher.class);

    private final RedisConnections redis;
    private final CircuitBreaker breaker = CircuitBreaker.of("incident-events-publish", CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(3).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5)).build());

    public IncidentEventPublisher(RedisConnections redis) {
        this.redis = redis;
    }

    public void publish(UUID teamId) {
        send(CHANNEL, teamId.toString());
    }

    /** Wakes the workers of {@code region}: a new incident's first timer is due now. */
    public void timersDue(String region) {
        send(TIMERS_DUE, region);
    }

    private void send(String channel, String message) {
        if (!redis.configured() || !breaker.tryAcquirePermission()) {
            return;
        }
        try {
            redis.connection().orElseThrow().async().publish(channel, message)
                    .whenComplete((n, error) -> {
                        if (error == null) {
                            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
                        } else {
                            breaker.onError(0, TimeUnit.NANOSECONDS, error);
                        }
                    });
        } catch (RuntimeException e) {
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            log.debug("wake-up on {} not published: {}", channel, e.toString());
        }
    }
}
