package dev.oncall.api.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert ingest settings (docs/configuration.md, section graph-api).
 *
 * @param maxBodyBytes          largest request body accepted (PagerDuty's limit is 512 KB); larger: 413
 * @param rateLimit             requests one integration key may send in any window of {@code ratePeriod},
 *                              counted for the whole region in its Redis; beyond, 429 with Retry-After
 *                              (Events v2 clients and Alertmanager retry)
 * @param ratePeriod            the length of that sliding window
 * @param keyCacheTtl           how long a looked-up integration key (or its absence) is remembered
 * @param rateLimitRedisTimeout longest an event waits for the shared count before the pod's own applies
 * @param rateLimitBreakerOpen  how long events skip a Redis that keeps failing before it is probed again
 * @param unknownKeyLimit       requests naming no integration or heartbeat monitor that one source address
 *                              may send in any window of {@code ratePeriod} (per graph-api); beyond, 429
 *                              before any lookup, so guessing keys costs the database nothing
 * @param heartbeatPingLimit    pings one heartbeat monitor may receive in any window of {@code ratePeriod}
 *                              (per graph-api); beyond, 429 with Retry-After
 */
@ConfigurationProperties("oncall.ingest")
public record IngestProperties(
        @DefaultValue("524288") int maxBodyBytes,
        @DefaultValue("600") int rateLimit,
        @DefaultValue("1m") Duration ratePeriod,
        @DefaultValue("10s") Duration keyCacheTtl,
        @DefaultValue("250ms") Duration rateLimitRedisTimeout,
        @DefaultValue("10s") Duration rateLimitBreakerOpen,
        @DefaultValue("30") int unknownKeyLimit,
        @DefaultValue("30") int heartbeatPingLimit) {

    public IngestProperties {
        if (rateLimit < 1 || unknownKeyLimit < 1 || heartbeatPingLimit < 1) {
            throw new IllegalArgumentException("oncall.ingest.rate-limit, unknown-key-limit and heartbeat-ping-limit "
                    + "must be at least 1, got " + rateLimit + ", " + unknownKeyLimit + ", " + heartbeatPingLimit);
        }
        if (!ratePeriod.isPositive() || !rateLimitRedisTimeout.isPositive() || !rateLimitBreakerOpen.isPositive()) {
            throw new IllegalArgumentException("oncall.ingest.rate-period, rate-limit-redis-timeout and "
                    + "rate-limit-breaker-open must be positive");
        }
    }
}
