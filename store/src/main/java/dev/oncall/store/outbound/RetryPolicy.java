package dev.oncall.store.outbound;

import dev.oncall.core.outbound.RefusedUrl;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What is worth another try when another system is called, the one policy of every outbound call
 * (documented in docs/notifications.md, "Retries"): an answer that may differ a moment later
 * ({@link #retryable(int)}), and a call that failed on the way (refused connection, reset, unknown
 * host). A call that timed out ({@link #timedOut}) may have been taken: it is tried again only
 * where the receiver drops duplicates by key. {@code Retry-After} is not read: the backoff decides.
 * The notification sender retries through its own pipeline with these rules; {@link #post} is the
 * inline retry of callers without one (the auditor's pages).
 */
public final class RetryPolicy {
    /** The first wait of {@link #post}; each later one doubles, ±{@value #JITTER} of it at random. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final double JITTER = 0.5;

    private RetryPolicy() {}

    /** Statuses the receiver may answer differently a moment later: 408, 425, 429 and every 5xx. */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** True when {@code e} or one of its causes is a timeout of the HTTP or socket layer. */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * POSTs through {@code http}, calling again after a {@linkplain #retryable retryable} answer or
     * an I/O failure (timeouts included: for receivers that drop duplicates by key), at most
     * {@code attempts} calls in all, with exponential backoff and jitter between them.
     *
     * @return the last answer, a success or not
     * @throws IOException the last failure, when the last call got no answer
     */
    public static OutboundHttp.Response post(OutboundHttp http, int attempts, String url, Map<String, String> headers,
                                             String contentType, String body) throws RefusedUrl, IOException {
        Retry retry = Retry.of("outbound", RetryConfig.<OutboundHttp.Response>custom()
                .maxAttempts(Math.max(1, attempts))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(FIRST_BACKOFF, 2.0, JITTER))
                .retryOnResult(answer -> retryable(answer.status()))
                .retryOnException(e -> e instanceof IOException)
                .failAfterMaxAttempts(false)
                .build());
        try {
            return Retry.decorateCheckedSupplier(retry, () -> http.post(url, headers, contentType, body)).get();
        } catch (RefusedUrl | IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
