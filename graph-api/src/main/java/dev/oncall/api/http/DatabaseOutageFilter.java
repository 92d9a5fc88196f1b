package dev.oncall.api.http;

import dev.oncall.platform.db.DatabaseUnavailable;
import graphql.GraphqlErrorBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers any HTTP request that failed because the database is unavailable with 503 and
 * {@code Retry-After} ({@link DatabaseOutage}), whichever part of the request met the database:
 * alert ingest, heartbeat pings, acknowledgements, the bearer-token check in front of GraphQL.
 * Outermost, so it sees what every other filter and controller let through. Operations that
 * GraphQL runs answer through its own error resolvers instead (HTTP 200, an UNAVAILABLE error).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseOutageFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (response.isCommitted() || !DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            // One line per refused request, no stack trace: during an outage every request fails alike.
            log.warn("{} {} answered 503, the database is unavailable: {}", request.getMethod(),
                    request.getRequestURI(), rootCause(e));
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            response.setContentType("application/json");
            response.getOutputStream().write(JSON.writeValueAsBytes(body(request)));
        }
    }

    /** GraphQL clients read a GraphQL error; everyone else the {@code status} and {@code message} of the ingest answers. */
    private static Map<String, Object> body(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/graphql")) {
            return Map.of("errors", List.of(DatabaseOutage.graphQlError(GraphqlErrorBuilder.newError()).toSpecification()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "unavailable");
        body.put("message", DatabaseOutage.MESSAGE);
        return body;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
