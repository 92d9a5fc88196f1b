package dev.oncall.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.platform.db.Transactions;
import dev.oncall.store.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegionalWorkerApplicationTest {
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    Transactions tx;

    @Test
    void announcesItselfInWorkerHeartbeatsOnceRunning() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tx.read("test",
                db -> db.sql("SELECT count(*) FROM worker_heartbeats").query(Integer.class).single()) == 1);
    }

    @Test
    void bootsAndReportsHealth() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }
}
