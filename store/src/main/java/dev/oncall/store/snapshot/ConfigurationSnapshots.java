package dev.oncall.store.snapshot;

import dev.oncall.platform.db.Transactions;
import dev.oncall.store.version.ConfigurationVersion;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's current {@link ConfigurationSnapshot}, swapped whole (readers never see half a
 * reload). {@link #refresh} costs one primary-key read while nothing changed; it reloads when the
 * configuration version moved, or when less than half of the covered window is left (the
 * overrides of the hours ahead must be in it). Empty until the first load succeeds: a worker that
 * never loaded one pages only from fresh reads, as before.
 *
 * <p>Memory is proportional to the configuration's row count, capped by {@code maxRows}: a
 * configuration larger than that keeps no snapshot at all rather than a partial one.
 */
public final class ConfigurationSnapshots {
    private static final Logger log = LoggerFactory.getLogger(ConfigurationSnapshots.class);

    private final Transactions tx;
    private final Clock clock;
    private final Duration horizon;
    private final int maxRows;
    private final AtomicReference<ConfigurationSnapshot> current = new AtomicReference<>();

    public ConfigurationSnapshots(Transactions tx, Clock clock, Duration horizon, int maxRows, MeterRegistry meters) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the snapshot horizon must be positive");
        }
        this.tx = tx;
        this.clock = clock;
        this.horizon = horizon;
        this.maxRows = maxRows;
        Gauge.builder("oncall.escalation.snapshot.age", this,
                        s -> s.current().map(c -> c.age(clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                .description("Seconds since this worker's configuration snapshot was loaded (NaN: none yet)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("oncall.escalation.snapshot.rows", this, s -> s.current().map(c -> c.rows()).orElse(0))
                .description("Configuration rows held in this worker's snapshot").register(meters);
    }

    /** The snapshot to page from when configuration cannot be read; empty before the first load. */
    public Optional<ConfigurationSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** Reloads the snapshot if the configuration changed or its window runs short; returns the current one. */
    public ConfigurationSnapshot refresh() {
        Instant now = clock.instant();
        ConfigurationSnapshot held = current.get();
        if (held != null && !held.coversUntil().minus(horizon.dividedBy(2)).isBefore(now)) {
            long version = tx.read("snapshot.version", ConfigurationVersion::read);
            if (version == held.version()) {
                return held;
            }
        }
        ConfigurationSnapshot loaded = tx.read("snapshot.load", db -> SnapshotLoader.load(db, now, horizon, maxRows));
        current.set(loaded);
        log.info("configuration snapshot loaded: version {}, {} rows, covers until {}", loaded.version(),
                loaded.rows(), loaded.coversUntil());
        return loaded;
    }
}
