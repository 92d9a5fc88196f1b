package dev.oncall.api.heartbeat;

import dev.oncall.core.validation.Text;
import dev.oncall.store.heartbeat.HeartbeatMonitor;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heartbeat pings: {@code POST /integrations/heartbeat/{key}} from a cron job, a backup script,
 * a monitoring loop. The key is the monitor's secret, the whole credential (like an integration
 * key), which is why the path is open to unauthenticated callers. A ping after a missed beat
 * also queues the resolve of the monitor's alert; the regional workers send it.
 */
@RestController
public class HeartbeatPingController {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatPingController.class);

    private final HeartbeatMonitorRepository monitors;
    private final Clock clock;

    public HeartbeatPingController(HeartbeatMonitorRepository monitors, Clock clock) {
        this.monitors = monitors;
        this.clock = clock;
    }

    @PostMapping("/integrations/heartbeat/{key}")
    public ResponseEntity<Map<String, Object>> ping(@PathVariable String key) {
        // A key is one line of text; anything else names no monitor (and must not reach the database).
        Optional<HeartbeatMonitor> pinged = Text.lineProblem(key).isPresent() ? Optional.empty()
                : monitors.ping(key, clock.instant());
        if (pinged.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "unknown key");
            body.put("errors", List.of(Map.of("field", "key", "message", "no heartbeat monitor has this key")));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        HeartbeatMonitor m = pinged.get();
        log.debug("heartbeat ping for monitor {} of service {}", m.id(), m.serviceId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("monitor", m.name());
        body.put("next_ping_due_at", m.dueAt().map(Object::toString).orElse(null));
        return ResponseEntity.accepted().body(body);
    }
}
