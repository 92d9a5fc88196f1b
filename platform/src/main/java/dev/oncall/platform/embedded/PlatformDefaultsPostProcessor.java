package dev.oncall.platform.embedded;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every app gets, at the lowest precedence so any application.yml or environment
 * variable wins. Connections are SERIALIZABLE whatever the server's default: correctness of
 * escalation relies on it (ARCHITECTURE.md, "Invariants").
 *
 * <p>Every wait on the database is bounded, so that while it is down or frozen a request fails
 * in seconds ("unavailable, try again") instead of hanging for as long as the outage lasts:
 * a connection from the pool within 3 s (a pooled connection's liveness check within 2 s), a new
 * connection opened within 10 s (done by the pool's own thread, not a request's), and no
 * statement waits longer than the socket timeout for the database's next byte. That last one
 * cuts legitimate long statements too, so it is per app: 60 s here (regional-worker), lower in
 * graph-api and higher in the auditor (their application.yml; docs/configuration.md and
 * docs/operations.md, "When the database is down"). Migrations are exempt (DatabaseMigrator).
 */
public final class PlatformDefaultsPostProcessor implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        env.getPropertySources().addLast(new MapPropertySource("oncall-store-defaults", Map.of(
                "spring.datasource.hikari.transaction-isolation", "TRANSACTION_SERIALIZABLE",
                "spring.datasource.hikari.maximum-pool-size", "20",
                "spring.datasource.hikari.connection-timeout", "3000",
                "spring.datasource.hikari.validation-timeout", "2000",
                // pgjdbc's own settings, in seconds.
                "spring.datasource.hikari.data-source-properties.connectTimeout", "10",
                "spring.datasource.hikari.data-source-properties.loginTimeout", "10",
                "spring.datasource.hikari.data-source-properties.socketTimeout", "60",
                "spring.flyway.enabled", "false")));
    }
}
