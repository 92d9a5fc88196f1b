package dev.oncall.api.graphql;

import dev.oncall.api.http.BufferedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a {@code POST /graphql} whose JSON body is not a GraphQL request with 400 and the
 * reason: a body that is not JSON, or not an object ({@code null}, {@code []}, {@code 1}), a
 * {@code query} that is missing or not text, {@code variables} or {@code extensions} that are not
 * objects, an {@code operationName} that is not text. Spring's handler assumes that shape and
 * fails with a server error otherwise. Runs after {@link RequestSizeFilter}, so the body it
 * buffers is bounded; other content types (application/graphql) are left to the handler.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class GraphQlBodyFilter extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXAMPLE = "{\"query\": \"{ serverInfo { version } }\", \"variables\": {}}";

    private final String path;

    GraphQlBodyFilter(@Value("${spring.graphql.http.path:/graphql}") String path) {
        this.path = path;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !path.equals(request.getRequestURI()) || !isJson(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // RequestSizeFilter, before this one, has refused a body over the limit.
        byte[] body = request.getInputStream().readAllBytes();
        Optional<Problem> problem = problem(body);
        if (problem.isPresent()) {
            HttpErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, problem.get().message(), problem.get().field());
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private record Problem(String field, String message) {}

    private static Optional<Problem> problem(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return Optional.of(new Problem("body", "the body is not valid JSON (" + e.getOriginalMessage().lines()
                    .findFirst().orElse("unreadable") + "); send a JSON object such as " + EXAMPLE));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return Optional.of(new Problem("body", "the body must be a JSON object such as " + EXAMPLE + ", got "
                    + (root == null || root.isMissingNode() ? "nothing" : kind(root))));
        }
        JsonNode query = root.get("query");
        if (query == null || query.isNull()) {
            return Optional.of(new Problem("query", "query is required: the GraphQL document to run, as a string"));
        }
        if (!query.isString()) {
            return Optional.of(new Problem("query", "query must be a string (the GraphQL document), got " + kind(query)));
        }
        for (String field : new String[] {"variables", "extensions"}) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                return Optional.of(new Problem(field, field + " must be a JSON object (names to values), got " + kind(value)));
            }
        }
        JsonNode operationName = root.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isString()) {
            return Optional.of(new Problem("operationName", "operationName must be a string, got " + kind(operationName)));
        }
        return Optional.empty();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return media.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || media.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
