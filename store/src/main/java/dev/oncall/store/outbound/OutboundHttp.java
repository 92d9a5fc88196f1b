package dev.oncall.store.outbound;

import dev.oncall.core.outbound.OutboundTarget;
import dev.oncall.core.outbound.RefusedUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way our servers call a URL a user chose (webhook pages and challenges, Slack's
 * {@code response_url}): the URL is checked by the {@link OutboundGuard}, and the connection goes
 * only to addresses the guard resolved and passed, because the client's {@link DnsResolver} is the
 * guard itself. The name is not resolved a second time by anything else, so a DNS answer that
 * changes between the check and the connection (rebinding) cannot send the request elsewhere,
 * while TLS still verifies, and SNI and the {@code Host} header still carry, the name in the URL.
 * Redirects are not followed, no proxy of the environment is used, nothing is retried here
 * (callers retry with their own backoff), and at most {@value #MAX_BODY} bytes of an answer are read.
 */
public final class OutboundHttp implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;

    /** What the receiver answered; headers by lower-case name, first value. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final OutboundGuard guard;
    private final CloseableHttpClient https;
    private final CloseableHttpClient http;

    /** @param timeout for connecting, for each read, and for the whole wait for an answer's start */
    public OutboundHttp(OutboundGuard guard, Duration timeout) {
        this.guard = guard;
        // One client per scheme: the rule for an address depends on it (plain http only to the allow-list).
        this.https = client("https", timeout);
        this.http = client("http", timeout);
    }

    /**
     * POSTs {@code body} to {@code url}. Throws {@link RefusedUrl} when the URL, or any address its
     * host resolves to now, may not be called; nothing is sent then.
     */
    public Response post(String url, Map<String, String> headers, String contentType, String body)
            throws RefusedUrl, IOException {
        OutboundTarget target = guard.rule().target(url);
        HttpPost post = new HttpPost(target.uri());
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.parse(contentType)));
        try {
            return (target.plainHttp() ? http : https).execute(post, response -> {
                Map<String, String> answerHeaders = new TreeMap<>();
                for (Header h : response.getHeaders()) {
                    answerHeaders.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
                }
                return new Response(response.getCode(), Map.copyOf(answerHeaders), text(response.getEntity()));
            });
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RefusedAddress refused) {
                    throw refused.refusal;
                }
            }
            throw e;
        }
    }

    private static String text(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
    }

    private CloseableHttpClient client(String scheme, Duration timeout) {
        Timeout t = Timeout.of(timeout);
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return guard.addresses(scheme, host).toArray(InetAddress[]::new);
                } catch (RefusedUrl e) {
                    throw new RefusedAddress(e);
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                                .build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(200)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    @Override
    public void close() {
        https.close(CloseMode.GRACEFUL);
        http.close(CloseMode.GRACEFUL);
    }

    /** A refusal on its way out of the client's resolver, which may only throw {@link UnknownHostException}. */
    private static final class RefusedAddress extends UnknownHostException {
        private final transient RefusedUrl refusal;

        RefusedAddress(RefusedUrl refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
