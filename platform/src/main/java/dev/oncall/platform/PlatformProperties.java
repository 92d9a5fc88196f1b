package dev.oncall.platform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every app shares. Defaults live here and only here; docs/configuration.md lists them.
 *
 * @param region     the region this process runs in; timers and incidents are homed by it
 * @param redis      the region's Redis
 * @param migrations whether this process applies the database migrations at start
 * @param cockroach  multi-region settings, used only when the database is CockroachDB
 * @param retry      how serialization conflicts (SQLSTATE 40001) are retried
 */
@ConfigurationProperties("oncall")
public record PlatformProperties(
        @DefaultValue("local") String region,
        @DefaultValue Redis redis,
        @DefaultValue Migrations migrations,
        @DefaultValue Cockroach cockroach,
        @DefaultValue Retry retry) {

    /** @param url a redis:// or rediss:// URL; empty means "no Redis", and callers degrade to the database */
    public record Redis(@DefaultValue("") String url, @DefaultValue("2s") Duration commandTimeout) {
        public boolean configured() {
            return !url.isBlank();
        }
    }

    public record Migrations(@DefaultValue("true") boolean enabled) {}

    /**
     * @param primaryRegion the database's primary region; empty means this process's region
     * @param regions       every region of the deployment (the primary is added if missing)
     * @param survivalGoal  {@code zone} or {@code region} (needs three regions)
     */
    public record Cockroach(
            @DefaultValue("") String primaryRegion,
            @DefaultValue List<String> regions,
            @DefaultValue("zone") String survivalGoal) {}

    public record Retry(
            @DefaultValue("12") int maxAttempts,
            @DefaultValue("5ms") Duration initialBackoff,
            @DefaultValue("500ms") Duration maxBackoff) {}
}
