package dev.oncall.api.ack;

import dev.oncall.api.http.BufferedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the exact bytes of a signed request's body before anything parses it as a form:
 * Slack signs the raw body, and a body re-encoded from parsed parameters would not match.
 * Runs first, ahead of every other filter.
 */
final class RawBodyFilter extends OncePerRequestFilter {
    static final String ATTRIBUTE = RawBodyFilter.class.getName() + ".body";
    /** Slack's interaction payloads are small; anything larger is not from Slack. */
    static final int MAX_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            AckBodyLimitFilter.refuse(response, MAX_BYTES);
            return;
        }
        request.setAttribute(ATTRIBUTE, body);
        chain.doFilter(new BufferedBody(request, body), response);
    }
}
