package dev.oncall.api.ingest;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.IntegrationKey;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.DatabaseUnavailable;
import dev.oncall.platform.db.Deadline;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.TriggerResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where monitoring tools send alerts: {@code POST /v2/enqueue} (PagerDuty Events API v2, so
 * Alertmanager's pagerduty_configs, Grafana and anything else speaking it work unchanged) and
 * {@code POST /integrations/alertmanager/{key}} (Alertmanager's webhook). The answer is 202 only
 * once the alert is committed: an accepted alert is never lost. Both authenticate by their
 * integration key, so they are open to unauthenticated callers and keep no session.
 */
@RestController
class IngestController {
    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final IngestGate gate;
    private final IncidentCommands commands;

    IngestController(IngestGate gate, IncidentCommands commands) {
        this.gate = gate;
        this.commands = commands;
    }

    @PostMapping("/v2/enqueue")
    ResponseEntity<byte[]> enqueue(HttpServletRequest request) throws IOException {
        // Taken first: a sender waits for the whole request, the key lookup and body read included.
        Deadline deadline = commands.ingestDeadline();
        IngestGate.Body body = gate.read(request);
        if (body instanceof IngestGate.Body.Refused r) {
            return IngestResponses.refused("invalid event", r);
        }
        Problems problems = new Problems();
        Optional<EventsV2Parser.Parsed> parsed;
        try {
            parsed = EventsV2Parser.parse(((IngestGate.Body.Json) body).root(), problems);
        } catch (ValidationException e) {
            return IngestResponses.invalid("invalid event", e.errors());
        }
        if (parsed.isEmpty()) {
            return IngestResponses.invalid("invalid event", problems.errors());
        }
        Optional<IntegrationKey> key = gate.key(parsed.get().routingKey(), IntegrationType.EVENTS_V2,
                request.getRemoteAddr());
        if (key.isEmpty()) {
            return IngestResponses.invalid("invalid event",
                    List.of(new FieldError("routing_key", "no Events API v2 integration has this key")));
        }
        OptionalLong wait = gate.throttle(key.get());
        if (wait.isPresent()) {
            return IngestResponses.throttled(wait.getAsLong());
        }
        TriggerResult result = commands.trigger(key.get().serviceId(), parsed.get().event(),
                Actor.integration(key.get().id().toString()), Channel.EVENTS_V2, deadline);
        return IngestResponses.accepted("Event processed", Map.of("dedup_key", result.dedupKey()));
    }

    @PostMapping("/integrations/alertmanager/{key}")
    ResponseEntity<byte[]> alertmanager(@PathVariable("key") String secret, HttpServletRequest request)
            throws IOException {
        Deadline deadline = commands.ingestDeadline();
        // A key is one line of text; anything else names no integration (and must not reach the database).
        Optional<IntegrationKey> key = gate.key(Text.lineProblem(secret).isPresent() ? null : secret,
                IntegrationType.ALERTMANAGER, request.getRemoteAddr());
        if (key.isEmpty()) {
            return IngestResponses.notFound("no Alertmanager integration has this key");
        }
        IngestGate.Body body = gate.read(request);
        if (body instanceof IngestGate.Body.Refused r) {
            return IngestResponses.refused("invalid payload", r);
        }
        Problems problems = new Problems();
        Optional<List<AlertEvent>> events = AlertmanagerParser.parse(((IngestGate.Body.Json) body).root(), problems);
        if (events.isEmpty()) {
            return IngestResponses.invalid("invalid payload", problems.errors());
        }
        OptionalLong wait = gate.throttle(key.get());
        if (wait.isPresent()) {
            return IngestResponses.throttled(wait.getAsLong());
        }
        List<TriggerResult> results = commands.ingest(key.get().serviceId(), events.get(),
                Actor.integration(key.get().id().toString()), Channel.ALERTMANAGER, deadline);
        return IngestResponses.accepted("Alerts processed", Map.of("alerts", results.size()));
    }

    @ExceptionHandler(IngestGate.Guessing.class)
    ResponseEntity<byte[]> guessing(IngestGate.Guessing e) {
        return IngestResponses.throttled(e.retryAfterSeconds,
                "Too many requests from this address named no integration. Please retry later.");
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<byte[]> refused(ValidationException e) {
        return IngestResponses.invalid("invalid event", e.errors());
    }

    /**
     * Anything unexpected: 500, which senders retry; never a stack trace. The database being
     * unavailable is expected and passed on, to be answered 503 with Retry-After as on every path
     * (DatabaseOutageFilter): nothing was committed, so the sender's retry loses nothing.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> failed(RuntimeException e) {
        if (DatabaseUnavailable.isCause(e)) {
            throw e;
        }
        log.error("alert ingest failed: {}", e.toString(), e);
        return IngestResponses.failed("the event could not be recorded; retry later");
    }
}
