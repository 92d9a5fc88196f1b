package dev.oncall.worker.heartbeatmonitor;

import dev.oncall.core.heartbeat.AlertState;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.TriggerResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds heartbeat monitors whose ping is overdue and raises (or, once pings resume, resolves)
 * an alert on the monitor's service. Every worker of every region runs it; each missed beat is
 * claimed by exactly one of them (a conditional update), which queues the alert in the same
 * statement. Sending is at-least-once from that outbox and harmless to repeat: the alert's
 * dedup key is the monitor's, so a second trigger folds into the open alert and a second
 * resolve finds nothing open.
 */
public final class HeartbeatMonitorJob {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitorJob.class);
    private static final Actor ACTOR = Actor.system("heartbeat-monitor");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HeartbeatMonitorRepository monitors;
    private final IncidentCommands incidents;
    private final Clock clock;
    private final int batchSize;
    private final Duration alertLease;
    private final MeterRegistry meters;

    public HeartbeatMonitorJob(HeartbeatMonitorRepository monitors, IncidentCommands incidents, Clock clock,
                               int batchSize, Duration alertLease, MeterRegistry meters) {
        this.monitors = monitors;
        this.incidents = incidents;
        this.clock = clock;
        this.batchSize = batchSize;
        this.alertLease = alertLease;
        this.meters = meters;
    }

    /** One pass: claims missed beats, then sends every queued alert event; returns the missed beats claimed. */
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
        sendAlerts();
        return missed;
    }

    private void sendAlerts() {
        List<HeartbeatMonitor> pending;
        do {
            pending = monitors.claimPendingAlerts(clock.instant(), alertLease, batchSize);
            for (HeartbeatMonitor m : pending) {
                send(m);
            }
        } while (pending.size() == batchSize);
    }

    private void send(HeartbeatMonitor m) {
        try {
            AlertEvent event = m.alertState() == AlertState.TRIGGER_PENDING
                    ? AlertEvent.trigger(m.alertKey(), summary(m), "oncall heartbeat monitor", "critical", payload(m))
                    : AlertEvent.of(AlertAction.RESOLVE, m.alertKey());
            TriggerResult result = incidents.trigger(m.serviceId(), event, ACTOR, Channel.SYSTEM);
            monitors.alertSent(m.id(), m.alertState());
            meters.counter("oncall.heartbeat.alerts", "action", event.action().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
            log.info("heartbeat monitor {}: {} sent to service {} ({})", m.id(), event.action(), m.serviceId(),
                    result.outcome());
        } catch (RuntimeException e) {
            // The claim lapses after the lease and the next pass (here or on another worker) sends it again.
            log.warn("heartbeat monitor {}: alert event not sent, will retry: {}", m.id(), e.toString());
        }
    }

    private static String summary(HeartbeatMonitor m) {
        return "Heartbeat \"" + m.name() + "\" missed: no ping for " + m.interval().toMinutes() + " min"
                + m.overdueSince().map(t -> " (due at " + t + ")").orElse("");
    }

    private static String payload(HeartbeatMonitor m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("monitor_id", m.id().toString());
        node.put("monitor_name", m.name());
        node.put("interval_minutes", m.interval().toMinutes());
        m.lastPingAt().ifPresent(t -> node.put("last_ping_at", t.toString()));
        m.overdueSince().ifPresent(t -> node.put("due_at", t.toString()));
        node.put("missed_count", m.missedCount());
        return JSON.writeValueAsString(node);
    }
}
