package dev.oncall.api.graphql;

import dev.oncall.api.http.BufferedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses GraphQL request bodies over {@code oncall.api.max-request-size} with 413: by
 * Content-Length before anything is read, or, for a chunked body, once it has delivered more than
 * the limit. A chunked body within the limit is handed on already read: its size cannot be learnt
 * any other way, and refusing it halfway through GraphQL's own reading would be a 400.
 * (Tomcat reads and discards the rest of a refused body up to {@code server.tomcat.max-swallow-size},
 * so the client can finish sending and read the 413.)
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
        long declared = request.getContentLengthLong();
        if (declared > max) {
            refuse(response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (body.length > max) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        HttpErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "the request is larger than " + max + " bytes", "body");
    }
}
