package dev.oncall.worker.escalation;

import dev.oncall.store.incident.EscalationFiring;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's meters, named as docs/operations.md lists them (Prometheus adds the
 * {@code oncall_} names' suffixes): lateness of each fire, fired steps, claims by mode,
 * adopted timers, overdue timers and the Redis breaker's state.
 */
public final class EscalationMetrics {
    private final MeterRegistry meters;
    private final Timer lateness;
    private final AtomicLong overdue = new AtomicLong();

    public EscalationMetrics(MeterRegistry meters, String region, CircuitBreaker redisBreaker) {
        this.meters = meters;
        this.lateness = Timer.builder("oncall.escalation.timer.lateness")
                .description("How long after its due time each escalation timer fired")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(meters);
        Gauge.builder("oncall.escalation.timers.overdue", overdue, AtomicLong::get)
                .description("Unfired timers of this region whose due time has passed").tag("region", region)
                .register(meters);
        Gauge.builder("oncall.circuit.breaker.open", redisBreaker,
                        b -> b.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .tag("breaker", "redis").register(meters);
    }

    void fired(EscalationFiring.Outcome outcome, Duration late, boolean leased, Optional<String> adoptedFrom) {
        lateness.record(late.isNegative() ? Duration.ZERO : late);
        meters.counter("oncall.escalation.steps.fired", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        meters.counter("oncall.timer.claims", "mode", leased ? "lease" : "database").increment();
        adoptedFrom.ifPresent(r -> meters.counter("oncall.escalation.timers.adopted", "from_region", r).increment());
    }

    void overdue(long count) {
        overdue.set(count);
    }

    public Timer lateness() {
        return lateness;
    }

    public double count(String name, String tag, String value) {
        Counter c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
