package dev.oncall.api.graphql;

import dev.oncall.api.http.BodyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses GraphQL request bodies over {@code oncall.api.max-request-size} with 413 ({@link BodyLimit}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeFilter extends OncePerRequestFilter {
    private final long max;

    RequestSizeFilter(ApiProperties properties) {
        this.max = properties.maxRequestSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/graphql") || request.getRequestURI().startsWith("/graphql-ws");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<HttpServletRequest> within = BodyLimit.within(request, max);
        if (within.isEmpty()) {
            HttpErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "the request is larger than " + max + " bytes", "body");
            return;
        }
        chain.doFilter(within.get(), response);
    }
}
