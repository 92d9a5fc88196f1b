package dev.oncall.platform.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;

/**
 * The circuit breaker in front of a use of the region's Redis on a request path: once half of the
 * last 20 calls (at least 5) failed, callers skip Redis for {@code open} and take their fallback,
 * then two trial calls decide whether it is back. A Redis that hangs instead of refusing would
 * otherwise add a timeout to every request.
 */
public final class RedisBreaker {
    private RedisBreaker() {}

    /** A breaker named {@code name} (it names the breaker in metrics), timed by {@code clock}. */
    public static CircuitBreaker of(String name, Duration open, Clock clock) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindow(20, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(open)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(RedisException.class)
                .clock(clock)
                .build());
    }
}
