package dev.oncall.api.ingest;

import dev.oncall.core.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answers PagerDuty Events API v2 clients expect, reused for the Alertmanager webhook. */
final class IngestResponses {
    private IngestResponses() {}

    static ResponseEntity<Map<String, Object>> accepted(String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", message);
        body.putAll(extra);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** 400: clients must not retry; each error names its field ("payload.summary: is required"). */
    static ResponseEntity<Map<String, Object>> invalid(String status, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", "Event object is invalid");
        body.put("errors", errors.stream().map(FieldError::toString).toList());
        return ResponseEntity.badRequest().body(body);
    }

    static ResponseEntity<Map<String, Object>> throttled(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .body(Map.of("status", "throttle exceeded",
                        "message", "Requests for this integration key are arriving too quickly. Please retry later."));
    }

    static ResponseEntity<Map<String, Object>> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "not found", "message", message));
    }
}
