package dev.oncall.api.ack;

import dev.oncall.api.http.BodyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the bodies of the open acknowledgement paths ({@code /ack}, {@code /ack/link}, Twilio's
 * callbacks): anyone may post there, and what they legitimately carry (a token, a form of a few
 * fields) is small. Larger: 413 with the refused field listed, as the API's 400s list them. A
 * form without Content-Length is refused with 411: its parameters could not be read after the
 * body was counted, and browsers and Twilio always declare it.
 */
final class AckBodyLimitFilter extends OncePerRequestFilter {
    /** An ack request is a token of a few hundred bytes; Twilio's form posts are a few KB. */
    static final int MAX_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int max;

    AckBodyLimitFilter(int max) {
        this.max = max;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() < 0 && isForm(request)) {
            refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "a form must declare its Content-Length");
            return;
        }
        Optional<HttpServletRequest> within = BodyLimit.within(request, max);
        if (within.isEmpty()) {
            refuse(response, max);
            return;
        }
        chain.doFilter(within.get(), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** 413 naming the limit. */
    static void refuse(HttpServletResponse response, long max) throws IOException {
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "must be at most " + max + " bytes");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors",
                List.of(new AckController.Problem("body", message)))));
    }
}
