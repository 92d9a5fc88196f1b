package dev.oncall.api.incident;

import dev.oncall.api.ApiTest;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.DueTimer;
import dev.oncall.store.incident.EscalationFiring;
import dev.oncall.store.incident.EscalationTimers;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.user.ContactRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Incidents in a crew's team: a two-step policy (the responder, then the manager), and the worker's part played by the test. */
abstract class IncidentTestBase extends ApiTest {
    @Autowired PolicyRepository policies;
    @Autowired ServiceRepository services;
    @Autowired ContactRepository contacts;
    @Autowired IncidentCommands commands;
    @Autowired EscalationTimers timers;
    @Autowired EscalationFiring firing;
    @Autowired DataSource dataSource;
    @Value("${oncall.region}") String region;

    /** A service of the crew's team paging its responder, then its manager; both reachable by email. */
    Service service(Crew crew) {
        UUID team = UUID.fromString(crew.teamId());
        UUID responder = UUID.fromString(crew.id("RESPONDER"));
        UUID manager = UUID.fromString(crew.id("MANAGER"));
        for (UUID person : List.of(responder, manager)) {
            // Verified, as a person's method is once set up: only those are paged.
            contacts.seedVerified(contacts.addMethod(person, ContactMethodType.EMAIL, "work",
                    unique("mail") + "@example.com", 0).id(), clock.instant());
        }
        var policy = policies.create(team, unique("policy"), "", 0, List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, responder))),
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, manager)))));
        return services.create(team, unique("svc"), "", policy.id(), Urgency.HIGH, Optional.empty());
    }

    /** An alert from a monitoring tool opening an incident. */
    UUID trigger(Service service, String dedupKey) {
        return commands.trigger(service.id(), AlertEvent.trigger(dedupKey, "disk full on db-1", "db-1", "critical",
                "{\"host\":\"db-1\"}"), Actor.integration("test"), Channel.EVENTS_V2).incidentId().orElseThrow();
    }

    /** Fires the incident's timers that are due, as its region's worker would. */
    void fireDue(UUID incident) {
        for (DueTimer t : timers.dueBy(region, clock.instant(), 10_000)) {
            if (t.incidentId().equals(incident)) {
                firing.fire(t, region);
            }
        }
    }

    JdbcClient db() {
        return JdbcClient.create(dataSource);
    }

    int eventCount(UUID incident) {
        return db().sql("SELECT count(*) FROM incident_events WHERE incident_id = ?").param(incident)
                .query(Integer.class).single();
    }
}
