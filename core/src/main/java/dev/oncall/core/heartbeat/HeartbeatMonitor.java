package dev.oncall.core.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A heartbeat monitor: {@code serviceId} expects a ping every {@code interval} at
 * {@code POST /integrations/heartbeat/{secret}}.
 *
 * @param missedCount how many beats were missed over the monitor's life (one per overdue episode)
 */
public record HeartbeatMonitor(UUID id, UUID serviceId, String name, Duration interval, String secret,
                               HeartbeatState state, Optional<Instant> lastPingAt, Optional<Instant> dueAt,
                               int missedCount, Optional<Instant> overdueSince, AlertState alertState, Instant createdAt) {

    /** The dedup key of the monitor's alert on its service: stable, so a repeat folds into the open alert. */
    public String alertKey() {
        return "heartbeat/" + id;
    }
}
