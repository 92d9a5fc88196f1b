package dev.oncall.worker.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.net.URLEncoder;

/** The JDK HTTP client as the HTTP-based channels use it: one request, classified failures. */
final class HttpSupport {
    private HttpSupport() {}

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code request}; a timeout or an I/O failure becomes the matching {@link DeliveryException}. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request, String provider) throws DeliveryException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(DeliveryException.Kind.TIMEOUT, provider + " did not answer in time", e);
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, provider + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, provider + " send interrupted", e);
        }
    }

    /** An I/O failure of a request as the retry policy sees it: a timeout, or a transient failure. */
    static DeliveryException failure(IOException e, String provider) {
        if (DeliveryException.isTimeout(e)) {
            return new DeliveryException(DeliveryException.Kind.TIMEOUT, provider + " did not answer in time", e);
        }
        return new DeliveryException(DeliveryException.Kind.TRANSIENT, provider + " unreachable: " + e, e);
    }

    /** Status codes a provider may answer differently a moment later. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    static String form(Map<String, List<String>> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, values) -> values.forEach(v -> body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return body.toString();
    }

    static URI uri(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(b + path);
    }
}
