package dev.oncall.api.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert ingest settings (docs/configuration.md, section graph-api).
 *
 * @param maxBodyBytes    largest request body accepted (PagerDuty's limit is 512 KB)
 * @param rateLimit       requests one integration key may send per {@code ratePeriod}; beyond,
 *                        429 with Retry-After (Events v2 clients and Alertmanager retry)
 * @param ratePeriod      the window the rate limit counts in
 * @param keyCacheTtl     how long a looked-up integration key (or its absence) is remembered
 */
@ConfigurationProperties("oncall.ingest")
public record IngestProperties(
        @DefaultValue("524288") int maxBodyBytes,
        @DefaultValue("600") int rateLimit,
        @DefaultValue("1m") Duration ratePeriod,
        @DefaultValue("10s") Duration keyCacheTtl) {}
