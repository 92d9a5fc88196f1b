package dev.oncall.api.ack;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.validation.Text;
import dev.oncall.store.notify.Acknowledgements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /ack}: the mobile app's Acknowledge action on a push notification posts the
 * signed token the push carried. No other credential: the token is bound to one person and
 * one incident, expires, and works once.
 */
@RestController
class AckController {
    private final Acknowledgements acknowledgements;

    AckController(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    /** One refused field, as every 400 of the API lists them. */
    record Problem(String field, String message) {}

    @PostMapping(path = "/ack", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> ack(@RequestBody(required = false) JsonNode request) {
        // Read as a tree so that a token of the wrong JSON type is named, not a bare 400.
        JsonNode token = request == null ? null : request.get("token");
        Optional<String> problem = token == null || token.isNull() || (token.isString() && token.asString().isBlank())
                ? Optional.of("is required") : !token.isString() ? Optional.of("must be a string")
                : Text.lineProblem(token.asString());
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(Map.of("errors", List.of(new Problem("token", problem.get()))));
        }
        Acknowledgements.Result result = acknowledgements.withToken(token.asString().strip(), Channel.PUSH, "token");
        if (!result.ok()) {
            return ResponseEntity.badRequest().body(Map.of("errors", result.errors().stream()
                    .map(e -> new Problem(e.field(), e.message())).toList()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidentId", result.incidentId().toString());
        body.put("status", result.done());
        body.put("changed", result.changed());
        return ResponseEntity.ok(body);
    }
}
