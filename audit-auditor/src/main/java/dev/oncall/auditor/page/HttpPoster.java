package dev.oncall.auditor.page;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * POSTs JSON and retries what the Events API documents as retryable (429, 5xx, and the network
 * failing) with exponential backoff; any other answer fails at once, so the caller moves on
 * to its fallback channel.
 */
final class HttpPoster {
    private final RestClient client;
    private final Retry retry;

    HttpPoster(String name, Duration timeout, int attempts) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(requests).build();
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(Math.max(1, attempts))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
                .retryOnException(HttpPoster::retryable)
                .build());
    }

    void post(String url, String json) {
        Retry.decorateRunnable(retry, () -> client.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toBodilessEntity()).run();
    }

    private static boolean retryable(Throwable t) {
        if (t instanceof ResourceAccessException) {
            return true;
        }
        if (t instanceof HttpStatusCodeException e) {
            HttpStatusCode status = e.getStatusCode();
            return status.is5xxServerError() || status.value() == 429;
        }
        return false;
    }
}
