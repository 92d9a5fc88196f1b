package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Strangers on the open ingest paths: an address naming unknown keys is refused with 429 (and
 * never stops a known key), and a heartbeat monitor takes only so many pings. Each test calls from
 * addresses of its own, passed as a proxy in front of graph-api would (X-Forwarded-For).
 */
@TestPropertySource(properties = {"oncall.ingest.unknown-key-limit=3", "oncall.ingest.heartbeat-ping-limit=2",
        "server.forward-headers-strategy=native"})
class OpenPathLimitsTest extends IngestTestBase {
    @Autowired
    HeartbeatMonitorRepository monitors;
    @Autowired
    Clock clock;

    private HttpResponse<String> postFrom(String address, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String event(String routingKey) {
        return """
                {"routing_key": "%s", "event_action": "trigger", "payload": {"summary": "s", "source": "h", "severity": "critical"}}"""
                .formatted(routingKey);
    }

    @Test
    void anAddressNamingUnknownKeysIsRefusedWith429ButKnownKeysStillWork() {
        String guesser = "203.0.113.7";
        String known = "/integrations/alertmanager/" + scenario.alertmanagerKey.secret();
        // This instance learns the key from an honest sender first.
        assertThat(postFrom("198.51.100.1", known, AlertmanagerEndpointTest.webhook("firing",
                AlertmanagerEndpointTest.alert("firing", "f1", "Down", "a"))).statusCode()).isEqualTo(202);

        for (int i = 0; i < 3; i++) {
            assertThat(postFrom(guesser, "/integrations/alertmanager/" + randomKey(), "{}").statusCode())
                    .as("unknown key %d", i + 1).isEqualTo(404);
        }
        HttpResponse<String> alertmanager = postFrom(guesser, "/integrations/alertmanager/" + randomKey(), "{}");
        HttpResponse<String> events = postFrom(guesser, "/v2/enqueue", event(randomKey()));
        HttpResponse<String> heartbeat = postFrom(guesser, "/integrations/heartbeat/" + randomKey(), "");

        for (HttpResponse<String> r : java.util.List.of(alertmanager, events, heartbeat)) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(429);
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        }
        // Another address is not held to the guesser's count; a key this instance knows still works.
        assertThat(postFrom("198.51.100.2", "/integrations/alertmanager/" + randomKey(), "{}").statusCode()).isEqualTo(404);
        assertThat(postFrom(guesser, known, AlertmanagerEndpointTest.webhook("firing",
                AlertmanagerEndpointTest.alert("firing", "f2", "Down", "b"))).statusCode()).isEqualTo(202);
    }

    @Test
    void aHeartbeatMonitorTakesAtMostItsLimitOfPingsAWindow() {
        HeartbeatMonitor busy = monitors.create(scenario.service, "busy", Duration.ofMinutes(5), clock.instant());
        HeartbeatMonitor other = monitors.create(scenario.service, "other", Duration.ofMinutes(5), clock.instant());
        String from = "192.0.2.9";

        assertThat(postFrom(from, "/integrations/heartbeat/" + busy.secret(), "").statusCode()).isEqualTo(202);
        assertThat(postFrom(from, "/integrations/heartbeat/" + busy.secret(), "").statusCode()).isEqualTo(202);
        HttpResponse<String> third = postFrom(from, "/integrations/heartbeat/" + busy.secret(), "");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("throttled");
        assertThat(postFrom(from, "/integrations/heartbeat/" + other.secret(), "").statusCode()).isEqualTo(202);
    }
}
