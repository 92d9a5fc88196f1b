package dev.oncall.worker.heartbeatmonitor;

import dev.oncall.store.heartbeat.HeartbeatMonitor;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds heartbeat monitors whose ping is overdue. Every worker of every region runs it; each
 * missed beat is claimed by exactly one of them (a conditional update), which queues the alert
 * on the monitor's service in the same statement.
 */
public final class HeartbeatMonitorJob {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitorJob.class);

    private final HeartbeatMonitorRepository monitors;
    private final Clock clock;
    private final int batchSize;
    private final MeterRegistry meters;

    public HeartbeatMonitorJob(HeartbeatMonitorRepository monitors, Clock clock, int batchSize, MeterRegistry meters) {
        this.monitors = monitors;
        this.clock = clock;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** One pass; returns the missed beats this worker claimed. */
    public int runOnce() {
        int missed = 0;
        List<HeartbeatMonitor> claimed;
        do {
            claimed = monitors.claimOverdue(clock.instant(), batchSize);
            for (HeartbeatMonitor m : claimed) {
                log.info("heartbeat monitor {} of service {} missed its ping due at {}", m.id(), m.serviceId(),
                        m.overdueSince().orElse(null));
            }
            missed += claimed.size();
        } while (claimed.size() == batchSize);
        meters.counter("oncall.heartbeat.missed").increment(missed);
        return missed;
    }
}
