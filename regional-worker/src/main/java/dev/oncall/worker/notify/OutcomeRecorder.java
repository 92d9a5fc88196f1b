package dev.oncall.worker.notify;

import dev.oncall.platform.db.DatabaseUnavailable;
import dev.oncall.platform.db.SerializationFailures;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records what a provider said about a message, through a database outage. Once a provider has
 * accepted a message, its sender is the only one who knows: a record lost to an outage would
 * let the claim expire and another sender send the message again. So the sender keeps the
 * outcome and tries again while the database cannot be reached, with backoff and jitter, for as
 * long as its claim holds by its clock. Every recording is conditional on that very claim
 * ({@link dev.oncall.store.notify.NotificationStore#markSent}), so an attempt that lands late
 * changes nothing another sender did; and each is safe to repeat, since the commit of an attempt
 * that failed may have happened.
 *
 * <p>Contention is waited out the same way: a record whose transaction lost its serialization
 * retries (a storm of pages to one incident, each writing its log) is tried again while the claim
 * holds, not dropped. The 4-minute fault run at 20 alerts/s found such records dropped and their
 * messages sent twice.
 *
 * <p>Only an outage longer than the claim TTL still causes a duplicate; the sender then gives up,
 * counts it ({@code oncall.notification.record.abandoned}) and logs the provider's message id.
 */
final class OutcomeRecorder {
    /** The first wait after a failed attempt; it doubles up to {@link #MAX_BACKOFF}, ±50 %. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final Clock clock;
    private final MeterRegistry meters;
    private final RetryConfig base = RetryConfig.custom()
            .maxAttempts(Integer.MAX_VALUE)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(FIRST_BACKOFF, 2.0, 0.5, MAX_BACKOFF))
            .failAfterMaxAttempts(false)
            .build();

    OutcomeRecorder(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.meters = meters;
    }

    /** The database is away, or the record lost to concurrent writers even after its transaction's own retries. */
    private static boolean worthWaiting(Throwable e) {
        return DatabaseUnavailable.isCause(e) || SerializationFailures.isRetryable(e);
    }

    /**
     * Runs {@code record} until it commits; while the database cannot be reached or is contended, again until
     * {@code claimedUntil} passes. Empty when it gave up; any other failure is thrown.
     *
     * @param channel the message's channel, tagging the metrics
     */
    <T> Optional<T> record(String name, String channel, Instant claimedUntil, Supplier<T> record) {
        Retry retry = Retry.of(name, RetryConfig.from(base)
                .retryOnException(e -> worthWaiting(e) && clock.instant().isBefore(claimedUntil))
                .build());
        retry.getEventPublisher().onRetry(e -> meters.counter("oncall.notification.record.retries", "channel", channel)
                .increment());
        try {
            return Optional.of(Retry.decorateSupplier(retry, record).get());
        } catch (RuntimeException e) {
            if (!worthWaiting(e)) {
                throw e;
            }
            meters.counter("oncall.notification.record.abandoned", "channel", channel).increment();
            return Optional.empty();
        }
    }
}
