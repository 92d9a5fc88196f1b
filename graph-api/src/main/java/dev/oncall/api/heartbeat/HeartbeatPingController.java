package dev.oncall.api.heartbeat;

import dev.oncall.api.ingest.OpenPathLimits;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.validation.Text;
import jakarta.servlet.http.HttpServletRequest;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
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
    private final OpenPathLimits limits;
    private final Clock clock;

    public HeartbeatPingController(HeartbeatMonitorRepository monitors, OpenPathLimits limits, Clock clock) {
        this.monitors = monitors;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Each ping writes, so both who guesses keys (per source address) and how often one key pings
     * are limited before the database is touched (docs/api.md, Limits).
     */
    @PostMapping("/integrations/heartbeat/{key}")
    public ResponseEntity<Map<String, Object>> ping(@PathVariable String key, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        OptionalLong wait = limits.guessing(address);
        // A key is one line of text; anything else names no monitor (and must not reach the database).
        boolean wellFormed = Text.lineProblem(key).isEmpty() && key.length() <= 64;
        if (wait.isEmpty() && wellFormed) {
            wait = limits.heartbeat(key);
        }
        if (wait.isPresent()) {
            return throttled(wait.getAsLong());
        }
        Optional<HeartbeatMonitor> pinged = wellFormed ? monitors.ping(key, clock.instant()) : Optional.empty();
        if (pinged.isEmpty()) {
            limits.unknownKey(address);
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

    private static ResponseEntity<Map<String, Object>> throttled(long retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "throttled");
        body.put("message", "too many requests; retry after " + retryAfterSeconds + " s");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)).body(body);
    }
}
