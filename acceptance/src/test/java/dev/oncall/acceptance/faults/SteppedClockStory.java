package dev.oncall.acceptance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.AppProcess;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Poll;
import dev.oncall.acceptance.system.SteppedClocks;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault run steps an app's clock as NTP steps a machine's: the app, launched from its
 * unchanged jar, takes its time from the stepped clock at once, forwards and back. Seen through
 * the API: a token made now says when it was made by the app's clock.
 */
class SteppedClockStory {
    private static final String ADMIN_TOKEN = "oncall_" + "5e".repeat(24);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anAppTellsTheTimeOfItsSteppedClock() throws IOException {
        SteppedClocks.enable();
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.acquire(Optional.empty(), true);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.datasource.url", infra.jdbcUrl());
        settings.put("spring.datasource.username", infra.username());
        settings.put("spring.datasource.password", infra.password());
        settings.put("oncall.redis.url", infra.redisUrl());
        settings.put("oncall.embedded.enabled", "false");
        settings.put("oncall.migrations.enabled", "true");
        settings.put("oncall.bootstrap.admin-token", ADMIN_TOKEN);
        settings.put("oncall.ack.signing-key", "stepped-clock-acknowledgement-signing-key-0123456789");
        settings.put("oncall.ack.public-url", "http://localhost:" + port);
        settings.put("oncall.notify.webhook.encryption-key", "stepped-clock-webhook-encryption-key-0123456789");
        String url = "http://localhost:" + port;
        try (AppProcess api = AppProcess.start("graph-api-stepped", jar(), settings, List.of())) {
            api.awaitReady(url + "/actuator/health/readiness", Duration.ofMinutes(3));

            assertThat(Duration.between(Instant.now(), tokenMadeNow(url))).as("no offset").isLessThan(Duration.ofSeconds(5));

            SteppedClocks.step(api.name(), Duration.ofHours(1));
            Poll.until("the app's clock an hour ahead", Duration.ofSeconds(10),
                    () -> Duration.between(Instant.now(), tokenMadeNow(url)).compareTo(Duration.ofMinutes(59)) > 0);

            SteppedClocks.step(api.name(), Duration.ofSeconds(-30));
            Poll.until("the app's clock 30 s behind", Duration.ofSeconds(10), () -> {
                Duration ahead = Duration.between(Instant.now(), tokenMadeNow(url));
                return ahead.compareTo(Duration.ofSeconds(-35)) > 0 && ahead.compareTo(Duration.ofSeconds(-25)) < 0;
            });
        } finally {
            EmbeddedInfrastructure.release(infra);
        }
    }

    /** Makes a personal token and returns its createdAt: the app's clock when it was made. */
    private static Instant tokenMadeNow(String url) {
        String body = JSON.writeValueAsString(Map.of("query", """
                mutation { createApiToken(input: {name: "clock"}) { apiToken { createdAt } userErrors { message } } }"""));
        String answer = Http.send(HttpRequest.newBuilder(URI.create(url + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).body();
        JsonNode createdAt = JSON.readTree(answer).at("/data/createApiToken/apiToken/createdAt");
        assertThat(createdAt.isString()).as(answer).isTrue();
        return Instant.parse(createdAt.asString());
    }

    private static Path jar() {
        Path root = Path.of(System.getProperty("oncall.root", Path.of("").toAbsolutePath().getParent().toString()));
        String version = System.getProperty("oncall.version", "0.1.0-SNAPSHOT");
        return root.resolve("graph-api").resolve("target").resolve("oncall-graph-api-" + version + ".jar");
    }
}
