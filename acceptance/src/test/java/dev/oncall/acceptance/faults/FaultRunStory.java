package dev.oncall.acceptance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Gql;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.Poll;
import dev.oncall.acceptance.system.SteppedClocks;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An on-call service must page while the infrastructure around it fails. Two graph-apis and
 * several workers run under a steady alert load on a policy escalating every minute (the
 * shortest wait a step may have), while a seeded schedule of faults kills and restarts
 * processes, stops Redis and PostgreSQL and freezes workers past their leases. Afterwards the
 * invariant checker reads the database and the phone network: nothing accepted was lost or
 * doubled, every due step fired once and within its bound, no page went out twice outside a
 * sender's death, nothing escalated after acknowledge or resolve, every log is gap-free.
 *
 * <p>Its own installation, in its own JVM (a surefire execution of its own): it stops the
 * servers every other story shares.
 */
class FaultRunStory {
    private static final Duration CLAIM_TTL = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    @Test
    void theInvariantsHoldWhileProcessesDieAndServersGoAway() {
        FaultProfile profile = FaultProfile.fromSystemProperties();
        System.out.println("Fault run seed " + profile.seed() + " (-Dfaults.seed=" + profile.seed() + " reruns it)");
        // Every app of the run gets a clock the CLOCK_STEP faults can step.
        SteppedClocks.enable();
        Map<String, String> settings = Map.of(
                // A killed or frozen sender's claims come back sooner than the default 2 minutes.
                "oncall.notify.sender.claim-ttl", CLAIM_TTL.toSeconds() + "s",
                // The load and its retries after an outage are one sender; not throttled here.
                "oncall.ingest.rate-limit", "1000000");
        try (Installation system = Installation.start(settings); Fleet fleet = new Fleet()) {
            fleet.add(Fleet.Role.API, system.apiProcess());
            fleet.add(Fleet.Role.WORKER, system.workerProcess());
            fleet.add(Fleet.Role.AUDITOR, system.auditorProcess());
            Installation.Api second = system.startApi("graph-api-2", Map.of());
            fleet.add(Fleet.Role.API, second.process());
            for (int i = 2; i <= profile.workers(); i++) {
                fleet.add(Fleet.Role.WORKER, system.startWorker("regional-worker-" + i));
            }
            Crew crew = Crew.of(system, "Faults", List.of("fay", "finn"), "flo", List.of());
            String serviceId = quicklyEscalatingService(crew);
            String routingKey = crew.admin.mutate("createIntegrationKey", "integrationKey { secret }", Map.of(
                    "serviceId", serviceId, "type", "EVENTS_V2", "name", "fault run"))
                    .at("/integrationKey/secret").asString();

            Instant runStart = Instant.now();
            AlertLoad load = new AlertLoad(List.of(system.url(""), second.url()), routingKey, profile.seed());
            FaultInjector injector = new FaultInjector(fleet, system.infrastructure());
            load.start(profile.rate(), profile.load());
            injector.start(FaultInjector.plan(profile.seed(), profile.load(), profile.faults(), profile.workers(), 2));
            List<KeyLedger> ledger = load.finish(profile.load(), DRAIN);
            List<Fault> faults = injector.finish(Duration.ofMinutes(5));
            awaitNothingOverdue(system.infrastructure(), UUID.fromString(serviceId), profile.bound());

            EmbeddedInfrastructure db = system.infrastructure();
            RunRecord run = RunRecords.read(db.jdbcUrl(), db.username(), db.password(), UUID.fromString(serviceId),
                    runStart, profile.bound(), CLAIM_TTL, ledger, system.twilio().sent(), faults);
            InvariantChecker.Verdict verdict = InvariantChecker.check(run);
            System.out.println(FaultReport.table(profile, faults, load.requests(), load.retries(), load.refused(),
                    verdict, injector.notes()));
            if (!verdict.holds()) {
                System.out.println("The apps' last lines (all of it in target/acceptance-logs):\n" + fleet.tails());
            }
            assertThat(verdict.violations()).as("invariants of the fault run with seed " + profile.seed()).isEmpty();
            assertThat(faults).as("faults injected").isNotEmpty();
            assertThat(verdict.stepsFired()).as("steps fired").isPositive();
        }
    }

    /** The crew's schedule paged first, its manager a minute later; both with the shortest wait a step may have. */
    private static String quicklyEscalatingService(Crew crew) {
        Gql admin = crew.admin;
        String manager = crew.people.values().stream().filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow().id();
        String policy = admin.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId, "name", "Quick", "steps", List.of(
                        Map.of("escalateAfterSeconds", 60, "targets", List.of(Map.of("type", "SCHEDULE", "id", crew.scheduleId))),
                        Map.of("escalateAfterSeconds", 60, "targets", List.of(Map.of("type", "USER", "id", manager))))))
                .at("/escalationPolicy/id").asString();
        return admin.mutate("createService", "service { id }", Map.of(
                "teamId", crew.teamId, "name", "Under fire", "escalationPolicyId", policy)).at("/service/id").asString();
    }

    /**
     * Gives the workers up to the bound to catch up: no timer of the service overdue. A run that
     * does not catch up is not failed here but by the checker, which names the missing steps.
     */
    private static void awaitNothingOverdue(EmbeddedInfrastructure db, UUID serviceId, Duration bound) {
        try {
            Poll.until("no escalation timer overdue", bound, () -> overdueTimers(db, serviceId) == 0);
        } catch (AssertionError stillOverdue) {
            System.out.println(stillOverdue.getMessage() + "; the checker says which");
        }
    }

    private static int overdueTimers(EmbeddedInfrastructure db, UUID serviceId) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*) FROM escalation_timers t JOIN incidents i ON i.id = t.incident_id
                     WHERE i.service_id = ? AND t.due_at < now() - interval '3 seconds'""")) {
            s.setObject(1, serviceId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
