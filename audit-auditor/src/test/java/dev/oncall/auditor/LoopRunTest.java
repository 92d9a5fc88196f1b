package dev.oncall.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code --loop} way of running: it stays up without its database, and pages that on every pass. */
class LoopRunTest {
    private final EventsReceiver eventsApi = new EventsReceiver();

    @AfterEach
    void tearDown() {
        eventsApi.close();
    }

    @Test
    void startsWithoutItsDatabaseAndPagesThatOnEveryPass() throws InterruptedException {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AuditorApplication.class)
                .properties(Map.of("oncall.audit.loop", "true"))
                .run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                        "--spring.datasource.hikari.connection-timeout=250", "--oncall.region=loop",
                        "--oncall.audit.interval=100ms", "--oncall.audit.page.url=" + eventsApi.url("/v2/enqueue"),
                        "--oncall.audit.page.routing-key=self")) {

            assertThat(eventsApi.awaitEvents(3, Duration.ofSeconds(30))).isTrue();

            assertThat(app.isRunning()).isTrue();
            assertThat(eventsApi.events("trigger")).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(e -> assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/database_unreachable/loop"));
        }
    }
}
