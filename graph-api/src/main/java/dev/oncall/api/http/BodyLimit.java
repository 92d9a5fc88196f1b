package dev.oncall.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A request body's size against a limit: by Content-Length before anything is read, or, for a
 * chunked body, once it has delivered more than the limit. A chunked body within the limit is
 * handed on already read: its size cannot be learnt any other way, and refusing it halfway through
 * a later reader would be a 400. (Tomcat reads and discards the rest of a refused body up to
 * {@code server.tomcat.max-swallow-size}, so the client can finish sending and read the 413.)
 */
public final class BodyLimit {
    private BodyLimit() {}

    /** The request to pass on (itself, or with its chunked body read), or empty when the body is over {@code max} bytes. */
    public static Optional<HttpServletRequest> within(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return Optional.empty();
        }
        if (declared >= 0) {
            return Optional.of(request);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        return body.length > max ? Optional.empty() : Optional.of(new BufferedBody(request, body));
    }
}
