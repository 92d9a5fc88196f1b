package dev.oncall.api.audit;

import dev.oncall.store.audit.AuditRun;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.platform.PlatformProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Exports the verdict of this region's latest audit run. The auditor runs as a CronJob that
 * Prometheus never scrapes, so it records each run in the database and graph-api, which is
 * scraped, publishes it: {@code oncall_audit_last_run_mismatches} and
 * {@code oncall_audit_last_run_timestamp_seconds} (NaN until the first run).
 */
@Component
public class AuditRunMetrics implements MeterBinder {
    private final AuditRuns runs;
    private final String region;

    public AuditRunMetrics(AuditRuns runs, PlatformProperties properties) {
        this.runs = runs;
        this.region = properties.region();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("oncall.audit.last.run.mismatches", this, m -> m.latest().map(r -> (double) r.mismatches()).orElse(Double.NaN))
                .description("Mismatches found by this region's latest audit run").register(registry);
        TimeGauge.builder("oncall.audit.last.run.timestamp", this, TimeUnit.SECONDS,
                        m -> m.latest().map(r -> r.finishedAt().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("When this region's latest audit run finished").register(registry);
    }

    private Optional<AuditRun> latest() {
        return runs.latest().stream().filter(r -> r.region().equals(region)).findFirst();
    }
}
