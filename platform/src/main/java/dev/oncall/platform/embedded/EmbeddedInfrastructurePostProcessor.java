package dev.oncall.platform.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When {@code oncall.embedded.enabled} is true, starts the embedded PostgreSQL and Redis
 * before any bean is created and points the datasource and Redis settings at them. This is
 * the "no install" default of the local run; production sets the property to false.
 */
public final class EmbeddedInfrastructurePostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("oncall.embedded.enabled", Boolean.class, false)) {
            return;
        }
        String dir = env.getProperty("oncall.embedded.data-dir", "");
        Optional<Path> dataDirectory = dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir).toAbsolutePath());
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.acquire(dataDirectory);
        env.getPropertySources().addFirst(new MapPropertySource("oncall-embedded", Map.of(
                "spring.datasource.url", infra.jdbcUrl(),
                "spring.datasource.username", infra.username(),
                "spring.datasource.password", infra.password(),
                "oncall.redis.url", infra.redisUrl())));
        application.addListeners((ApplicationListener<ContextClosedEvent>) e -> EmbeddedInfrastructure.release(infra));
    }
}
