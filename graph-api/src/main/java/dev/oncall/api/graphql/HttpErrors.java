package dev.oncall.api.graphql;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL-shaped error answer ({@code {"errors": [{"message": …, "extensions": {"classification":
 * "BAD_REQUEST"}}]}}) for requests refused before they reach GraphQL, so a client reads every
 * refusal the same way.
 */
final class HttpErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpErrors() {}

    static void write(HttpServletResponse response, int status, String message, String field) throws IOException {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("classification", "BAD_REQUEST");
        if (field != null) {
            extensions.put("field", field);
        }
        response.setStatus(status);
        response.setContentType("application/json");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", extensions);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(error))));
    }
}
