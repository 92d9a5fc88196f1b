package dev.oncall.api.ingest;

import dev.oncall.core.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers PagerDuty Events API v2 clients expect, reused for the Alertmanager webhook.
 * Written to JSON here rather than by content negotiation: the answer is always JSON, and on the
 * ingest path negotiating it per request cost more CPU than recording the alert's event.
 */
final class IngestResponses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestResponses() {}

    private static ResponseEntity<byte[]> json(ResponseEntity.BodyBuilder status, Map<String, Object> body) {
        return status.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body));
    }

    static ResponseEntity<byte[]> accepted(String message, Map<String, Object> extra) {
        Map<String, Object> body = statusAndMessage("success", message);
        body.putAll(extra);
        return json(ResponseEntity.status(HttpStatus.ACCEPTED), body);
    }

    /** 400: clients must not retry; each error names its field ("payload.summary: is required"). */
    static ResponseEntity<byte[]> invalid(String status, List<FieldError> errors) {
        return invalid(ResponseEntity.badRequest(), status, errors);
    }

    /** The body was refused: 413 when it is too large, else 400, with the same JSON as any invalid event. */
    static ResponseEntity<byte[]> refused(String status, IngestGate.Body.Refused refused) {
        return invalid(refused.tooLarge() ? ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE) : ResponseEntity.badRequest(),
                status, List.of(refused.error()));
    }

    private static ResponseEntity<byte[]> invalid(ResponseEntity.BodyBuilder answer, String status, List<FieldError> errors) {
        Map<String, Object> body = statusAndMessage(status, "Event object is invalid");
        body.put("errors", errors.stream().map(FieldError::toString).toList());
        return json(answer, body);
    }

    /** 429, PagerDuty's body; {@code Retry-After} is when the key's window admits its next event. */
    static ResponseEntity<byte[]> throttled(long retryAfterSeconds) {
        return throttled(retryAfterSeconds, "Requests for this integration key are arriving too quickly. Please retry later.");
    }

    /** 429 with PagerDuty's body saying {@code message}. */
    static ResponseEntity<byte[]> throttled(long retryAfterSeconds, String message) {
        return json(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(retryAfterSeconds)), statusAndMessage("throttle exceeded", message));
    }

    static ResponseEntity<byte[]> notFound(String message) {
        return json(ResponseEntity.status(HttpStatus.NOT_FOUND), statusAndMessage("not found", message));
    }

    /** 500: senders retry (an accepted event is never lost, an unrecorded one is never accepted). */
    static ResponseEntity<byte[]> failed(String message) {
        return json(ResponseEntity.internalServerError(), statusAndMessage("error", message));
    }

    /** In this order, as PagerDuty writes them (Map.of would not keep one). */
    private static Map<String, Object> statusAndMessage(String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        return body;
    }
}
