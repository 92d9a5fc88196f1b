package dev.oncall.worker.notify;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries and a circuit breaker around each provider, so a flapping provider is retried with
 * backoff and jitter while a dead one is skipped at once (the person's next method takes over)
 * and never holds up the other providers' messages.
 */
public final class ProviderGuard {
    /** What happened to one send: the receipt, or the final failure, and how many provider calls it took. */
    public record Outcome(Receipt receipt, DeliveryException failure, int calls) {
        public boolean accepted() {
            return receipt != null;
        }
    }

    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;

    public ProviderGuard(SenderProperties properties, MeterRegistry meters) {
        this.meters = meters;
        SenderProperties.Retry r = properties.retry();
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(),
                        r.jitter(), r.maxBackoff()))
                .retryOnException(e -> e instanceof DeliveryException d && d.kind() == DeliveryException.Kind.TRANSIENT)
                .failAfterMaxAttempts(false)
                .build());
        SenderProperties.Breaker b = properties.breaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRate())
                .minimumNumberOfCalls(b.minimumCalls())
                .slidingWindowSize(b.window())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                // A refused address says nothing about the provider's health; errors and silence do.
                .recordException(e -> e instanceof DeliveryException d
                        && (d.kind() == DeliveryException.Kind.TRANSIENT || d.kind() == DeliveryException.Kind.TIMEOUT))
                .build());
        this.breakers.getEventPublisher().onEntryAdded(e -> instrument(e.getAddedEntry()));
    }

    /** Sends through {@code channel} with its provider's retry and breaker; never throws. */
    public Outcome send(Channel channel, Delivery delivery) {
        AtomicInteger calls = new AtomicInteger();
        CircuitBreaker breaker = breakers.circuitBreaker(channel.provider());
        Retry retry = retries.retry(channel.provider());
        try {
            Receipt receipt = Retry.decorateCheckedSupplier(retry, () -> {
                breaker.acquirePermission();
                calls.incrementAndGet();
                long start = breaker.getCurrentTimestamp();
                try {
                    Receipt r = channel.send(delivery);
                    breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), r);
                    return r;
                } catch (DeliveryException e) {
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                    throw e;
                }
            }).get();
            return new Outcome(receipt, null, calls.get());
        } catch (CallNotPermittedException e) {
            return new Outcome(null, new DeliveryException(DeliveryException.Kind.CIRCUIT_OPEN,
                    "circuit breaker of " + channel.provider() + " is open"), calls.get());
        } catch (DeliveryException e) {
            return new Outcome(null, e, calls.get());
        } catch (Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            return new Outcome(null, new DeliveryException(DeliveryException.Kind.PERMANENT,
                    channel.provider() + " failed unexpectedly: " + e, e), calls.get());
        }
    }

    public CircuitBreaker.State state(String provider) {
        return breakers.circuitBreaker(provider).getState();
    }

    private void instrument(CircuitBreaker breaker) {
        Gauge.builder("oncall.circuit.breaker.open", breaker,
                        b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.HALF_OPEN ? 1 : 0)
                .tag("breaker", breaker.getName())
                .description("1 while the provider's circuit breaker is open or half-open")
                .register(meters);
    }
}
