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
 */
public final class PlatformDefaultsPostProcessor implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        env.getPropertySources().addLast(new MapPropertySource("oncall-store-defaults", Map.of(
                "spring.datasource.hikari.transaction-isolation", "TRANSACTION_SERIALIZABLE",
                "spring.datasource.hikari.maximum-pool-size", "20",
                "spring.flyway.enabled", "false")));
    }
}
