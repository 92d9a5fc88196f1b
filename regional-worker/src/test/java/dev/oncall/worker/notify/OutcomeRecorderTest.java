package dev.oncall.worker.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A provider accepted the message; the record must land while the claim holds, whether the
 * database was away or the record lost to concurrent writers (SQLSTATE 40001, after the
 * transaction's own retries).
 */
class OutcomeRecorderTest {
    private static final Instant NOW = Instant.parse("2026-12-07T21:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static RuntimeException contended() {
        return new CannotAcquireLockException("UPDATE incidents SET event_seq = event_seq + 1",
                new SQLException("could not serialize access due to read/write dependencies among transactions", "40001"));
    }

    @Test
    void aRecordThatLostToContentionIsTriedAgainUntilItCommits() {
        OutcomeRecorder recorder = new OutcomeRecorder(Clock.fixed(NOW, ZoneOffset.UTC), meters);
        AtomicInteger attempts = new AtomicInteger();
        var recorded = recorder.record("notify.sent", "sms", NOW.plusSeconds(30), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw contended();
            }
            return "recorded";
        });
        assertThat(recorded).contains("recorded");
        assertThat(attempts).hasValue(3);
        assertThat(meters.counter("oncall.notification.record.retries", "channel", "sms").count()).isEqualTo(2);
    }

    @Test
    void pastTheClaimItGivesUpAndCountsTheRecordAbandoned() {
        OutcomeRecorder recorder = new OutcomeRecorder(Clock.fixed(NOW, ZoneOffset.UTC), meters);
        AtomicInteger attempts = new AtomicInteger();
        var recorded = recorder.record("notify.sent", "sms", NOW, () -> {
            attempts.incrementAndGet();
            throw contended();
        });
        assertThat(recorded).isEmpty();
        assertThat(attempts).hasValue(1);
        assertThat(meters.counter("oncall.notification.record.abandoned", "channel", "sms").count()).isEqualTo(1);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        OutcomeRecorder recorder = new OutcomeRecorder(Clock.fixed(NOW, ZoneOffset.UTC), meters);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> recorder.record("notify.sent", "sms", NOW.plusSeconds(30), () -> {
            attempts.incrementAndGet();
            throw new DataIntegrityViolationException("a bug, not the weather");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(attempts).hasValue(1);
    }
}
