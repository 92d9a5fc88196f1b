package dev.oncall.auditor.heartbeat;

import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.store.outbound.OutboundHttp;
import dev.oncall.store.outbound.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead man's switch held outside: after a run that could audit, an empty {@code POST} to a
 * heartbeat monitor of another installation (or a hosted one), which pages when the pings stop,
 * whatever stopped them: this auditor, its region or its database. A ping that fails is logged
 * and counted, never a reason to fail the audit; retried by the outbound {@link RetryPolicy},
 * timeouts included, since a repeated ping only says the same thing twice.
 */
public final class HeartbeatPing {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatPing.class);

    /** Empty when no monitor is configured. */
    private final Optional<String> url;
    private final OutboundHttp http;
    private final int attempts;
    private final MeterRegistry meters;

    /** @param url the monitor's ping URL; blank for none */
    public HeartbeatPing(String url, Duration timeout, int attempts, MeterRegistry meters) {
        this.url = url.isBlank() ? Optional.empty() : Optional.of(url);
        this.http = OutboundHttp.configured(timeout);
        this.attempts = attempts;
        this.meters = meters;
    }

    /** True when the monitor took the ping; false when it did not or none is configured. */
    public boolean beat() {
        if (url.isEmpty()) {
            return false;
        }
        String failure;
        try {
            OutboundHttp.Response answer = RetryPolicy.post(http, attempts, url.get(), Map.of(), "text/plain", "");
            if (answer.succeeded()) {
                meters.counter("oncall.audit.heartbeats", "outcome", "sent").increment();
                log.debug("heartbeat ping taken by {}", where());
                return true;
            }
            failure = "it answered " + answer.status();
        } catch (RefusedUrl | IOException | RuntimeException e) {
            failure = e.toString();
        }
        meters.counter("oncall.audit.heartbeats", "outcome", "failed").increment();
        log.warn("heartbeat ping to {} failed after {} attempt(s): {}", where(), attempts, failure);
        return false;
    }

    /** The monitor's scheme, host and port: its path (or user info) usually holds the monitor's key. */
    private String where() {
        try {
            URI uri = URI.create(url.orElseThrow());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "the configured oncall.audit.heartbeat.url (not a URL)";
        }
    }
}
