package dev.oncall.platform.db;

import dev.oncall.platform.PlatformProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs units of work in SERIALIZABLE transactions and runs them again when the database asks
 * for it (SQLSTATE 40001), with exponential backoff and jitter, a bounded number of times.
 * CockroachDB requires clients to retry; PostgreSQL under SERIALIZABLE behaves the same, so
 * the retry path is exercised by the ordinary test suite.
 *
 * <p>The work must be safe to run more than once: it only touches the database through the
 * {@link JdbcClient} it is given, and any side effect outside it happens after commit.
 */
public final class Transactions {
    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate boundedRead;
    private final JdbcClient jdbc;
    private final RetryRegistry retries;
    private final MeterRegistry meters;

    public Transactions(PlatformTransactionManager txManager, JdbcClient jdbc,
                        PlatformProperties.Retry settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.readWrite = template(txManager, false);
        this.readOnly = template(txManager, true);
        this.boundedRead = template(txManager, true);
        // Its own connection even inside another transaction: the bound must not reach the
        // caller's statements, and a read that fails must not abort the caller's transaction.
        this.boundedRead.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff()))
                .retryOnException(SerializationFailures::isRetryable)
                .failAfterMaxAttempts(false)
                .build();
        this.retries = RetryRegistry.of(config);
        // Every named retry counts its retries and its give-ups: a rising rate of either is
        // the first sign of contention (docs/operations.md lists the metrics).
        this.retries.getEventPublisher().onEntryAdded(e -> instrument(e.getAddedEntry()));
    }

    private static TransactionTemplate template(PlatformTransactionManager txManager, boolean readOnly) {
        TransactionTemplate t = new TransactionTemplate(txManager);
        // The connections are SERIALIZABLE already (SerializableConnections, checked at startup):
        // naming the level here would cost a round trip per transaction for nothing.
        t.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        t.setReadOnly(readOnly);
        return t;
    }

    /** Runs {@code work} in a read-write transaction named {@code name} (the name tags metrics). */
    public <T> T write(String name, Function<JdbcClient, T> work) {
        return run(name, readWrite, work);
    }

    /**
     * Like {@link #write}, but never commits after {@code deadline}: each attempt starts only
     * before it, and the work is rolled back ({@link DeadlinePassed}) if it is still running when
     * the deadline passes. For a request whose sender gives up and retries after a while: the
     * request it gave up on must not be recorded later, after events the retry led to (a late
     * trigger landing after its key's resolve opens a second incident).
     */
    public <T> T writeBefore(String name, Deadline deadline, Function<JdbcClient, T> work) {
        return run(name, readWrite, db -> {
            deadline.check(name);
            T result = work.apply(db);
            deadline.check(name);
            return result;
        });
    }

    /** Runs {@code work} in a read-only transaction. */
    public <T> T read(String name, Function<JdbcClient, T> work) {
        return run(name, readOnly, work);
    }

    /**
     * Runs {@code work} in a read-only transaction of its own (the caller's, if any, is suspended)
     * whose every statement is cancelled after {@code timeout} ({@code SET LOCAL statement_timeout},
     * PostgreSQL and CockroachDB alike): for reads that have a fallback and must not wait on a slow or
     * locked table. Reads nested in {@code work} on this thread join it and are bounded too.
     */
    public <T> T readWithin(String name, Duration timeout, Function<JdbcClient, T> work) {
        long millis = Math.max(1, timeout.toMillis());
        return run(name, boundedRead, db -> {
            db.sql("SET LOCAL statement_timeout = '" + millis + "ms'").update();
            return work.apply(db);
        });
    }

    private <T> T run(String name, TransactionTemplate template, Function<JdbcClient, T> work) {
        Retry retry = retries.retry(name);
        return Retry.decorateSupplier(retry, () -> template.execute(status -> work.apply(jdbc))).get();
    }

    private void instrument(Retry retry) {
        String name = retry.getName();
        retry.getEventPublisher()
                .onRetry(e -> meters.counter("oncall.tx.retries", "tx", name).increment())
                .onError(e -> meters.counter("oncall.tx.exhausted", "tx", name).increment());
    }
}
