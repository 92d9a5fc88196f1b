package dev.oncall.api.ingest;

import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.ScheduleRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running graph-api on a real database and Redis, called over HTTP as a monitoring tool
 * would: no session, no cookies, no CSRF token. Each test gets its own team, service and keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"oncall.ingest.rate-limit=20", "oncall.ingest.rate-period=1h"})
abstract class IngestTestBase {
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("oncall.region", () -> "eu");
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    TeamRepository teams;
    @Autowired
    UserRepository users;
    @Autowired
    ContactRepository contacts;
    @Autowired
    ScheduleRepository schedules;
    @Autowired
    PolicyRepository policies;
    @Autowired
    ServiceRepository services;
    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    IncidentScenario scenario;
    JdbcClient db;

    @BeforeEach
    void createTeam() {
        scenario = new IncidentScenario(new IncidentScenario.Repositories(teams, users, contacts, schedules,
                policies, services), 0, Duration.ofMinutes(5), Optional.empty());
        db = JdbcClient.create(dataSource);
    }

    HttpResponse<String> post(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int count(String sql, Object... params) {
        return db.sql(sql).params(List.of(params)).query(Integer.class).single();
    }

    /** Counts rows of this test's service only (the database is shared by the test class). */
    int alerts(String where, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = scenario.service;
        System.arraycopy(params, 0, all, 1, params.length);
        return count("SELECT count(*) FROM alerts WHERE service_id = ? AND " + where, all);
    }
}
