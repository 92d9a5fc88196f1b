package dev.oncall.store.outbound;

import dev.oncall.core.outbound.OutboundTarget;
import dev.oncall.core.outbound.RefusedUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
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
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way our servers POST to another system over HTTP. Two kinds of URL are called:
 *
 * <ul>
 *   <li>a URL a user chose (webhook pages and challenges, Slack's {@code response_url}),
 *       {@linkplain #OutboundHttp(OutboundGuard, Duration) guarded}: the URL is checked by the
 *       {@link OutboundGuard}, and the connection goes only to addresses the guard resolved and
 *       passed, because the client's {@link DnsResolver} is the guard itself. The name is not
 *       resolved a second time by anything else, so a DNS answer that changes between the check
 *       and the connection (rebinding) cannot send the request elsewhere, while TLS still
 *       verifies, and SNI and the {@code Host} header still carry, the name in the URL. No proxy
 *       of the environment is used;</li>
 *   <li>a URL the operator {@linkplain #configured configured} (a provider's API such as Twilio's
 *       or Slack's, the auditor's Events API): trusted as configured, so it may lead anywhere,
 *       a local test server included, through the JVM's proxy settings if it has any.</li>
 * </ul>
 *
 * Either way redirects are not followed, at most {@value #MAX_BODY} bytes of an answer are read,
 * and nothing is retried here: {@link RetryPolicy} says what is worth another try, and callers
 * retry with their own backoff (or {@link RetryPolicy#post inline}).
 */
public final class OutboundHttp implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;

    /** What the receiver answered; headers by lower-case name, first value. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** A 2xx answer: the receiver took the request. */
        public boolean succeeded() {
            return status / 100 == 2;
        }
    }

    /** Empty for {@linkplain #configured configured} URLs, which are not checked. */
    private final Optional<OutboundGuard> guard;
    private final CloseableHttpClient https;
    private final CloseableHttpClient http;

    /**
     * A client for URLs users chose, checked by {@code guard}.
     *
     * @param timeout for connecting, for each read, and for the whole wait for an answer's start
     */
    public OutboundHttp(OutboundGuard guard, Duration timeout) {
        this.guard = Optional.of(guard);
        // One client per scheme: the rule for an address depends on it (plain http only to the allow-list).
        this.https = client(checkedResolver(guard, "https"), null, timeout);
        this.http = client(checkedResolver(guard, "http"), null, timeout);
    }

    private OutboundHttp(Duration timeout) {
        this.guard = Optional.empty();
        this.https = client(SystemDefaultDnsResolver.INSTANCE, new SystemDefaultRoutePlanner(ProxySelector.getDefault()),
                timeout);
        this.http = https;
    }

    /**
     * A client for URLs the operator configured, which are called as they are.
     *
     * @param timeout for connecting, for each read, and for the whole wait for an answer's start
     */
    public static OutboundHttp configured(Duration timeout) {
        return new OutboundHttp(timeout);
    }

    /** {@code path} under a configured {@code base} URL (which may end in a slash or not). */
    public static String under(String base, String path) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /**
     * POSTs {@code body} (encoded in the charset of {@code contentType}, else UTF-8) to {@code url}.
     * Throws {@link RefusedUrl} when the URL cannot be called: a guarded client also when any
     * address its host resolves to now may not be; nothing is sent then.
     */
    public Response post(String url, Map<String, String> headers, String contentType, String body)
            throws RefusedUrl, IOException {
        URI uri;
        CloseableHttpClient client;
        if (guard.isPresent()) {
            OutboundTarget target = guard.get().rule().target(url);
            uri = target.uri();
            client = target.plainHttp() ? http : https;
        } else {
            uri = configuredUri(url);
            client = https;
        }
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        ContentType type = ContentType.parse(contentType);
        post.setEntity(new ByteArrayEntity(body.getBytes(type.getCharset() == null ? StandardCharsets.UTF_8
                : type.getCharset()), type));
        try {
            return client.execute(post, response -> {
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

    private static URI configuredUri(String url) throws RefusedUrl {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new RefusedUrl("is not an http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RefusedUrl("is not a URL: " + e.getMessage());
        }
    }

    private static DnsResolver checkedResolver(OutboundGuard guard, String scheme) {
        return new DnsResolver() {
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
    }

    /** @param routes null for direct connections, whatever the environment's proxy settings */
    private static CloseableHttpClient client(DnsResolver resolver, HttpRoutePlanner routes, Duration timeout) {
        Timeout t = Timeout.of(timeout);
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
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
                .disableAuthCaching();
        if (routes != null) {
            builder.setRoutePlanner(routes);
        }
        return builder.build();
    }

    @Override
    public void close() {
        https.close(CloseMode.GRACEFUL);
        if (http != https) {
            http.close(CloseMode.GRACEFUL);
        }
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
