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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An on-call service must page while the infrastructure around it fails. Two regions, each with
 * its own Redis, graph-api and workers, run on one PostgreSQL under a steady alert load on a
 * policy escalating every minute (the shortest wait a step may have), while a seeded schedule of
 * faults kills and restarts processes of either region, stops a region's Redis and PostgreSQL,
 * freezes workers past their leases and a whole region's workers past the adoption grace.
 * Afterwards the invariant checker reads the database and the phone network: nothing accepted
 * was lost or doubled, every due step fired once and within its bound, no page went out twice
 * outside a sender's death, nothing escalated after acknowledge or resolve, every log is gap-free.
 *
 * <p>Its own installation, in its own JVM (a surefire execution of its own): it stops the
 * servers every other story shares.
 */
class FaultRunStory {
    private static final Duration CLAIM_TTL = Duration.ofSeconds(30);
    /** Shorter than the default minute, so a region's freeze need not last long to be adopted. */
    private static final Duration ADOPTION_GRACE = Duration.ofSeconds(15);
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
                "oncall.escalation.adoption-grace", ADOPTION_GRACE.toSeconds() + "s",
                // The load and its retries after an outage are one sender; not throttled here.
                "oncall.ingest.rate-limit", "1000000");
        Phases phases = new Phases();
        try (TwoRegions regions = TwoRegions.start(settings, profile.apis(), profile.workers(), profile.auditors())) {
            Installation system = regions.system;
            Crew crew = Crew.of(system, "Faults", List.of("fay", "finn"), "flo", List.of());
            String serviceId = quicklyEscalatingService(crew);
            String routingKey = crew.admin.mutate("createIntegrationKey", "integrationKey { secret }", Map.of(
                    "serviceId", serviceId, "type", "EVENTS_V2", "name", "fault run"))
                    .at("/integrationKey/secret").asString();
            phases.end("start-up (processes, crew)");

            Instant runStart = Instant.now();
            AlertLoad load = new AlertLoad(regions.apiUrls(), routingKey, profile.seed());
            EmbeddedInfrastructure db = system.infrastructure();
            FaultInjector injector = new FaultInjector(regions.fleet, db, regions.redis());
            load.start(profile.rate(), profile.load());
            injector.start(FaultInjector.plan(profile.seed(), profile.load(), profile.faults(), ADOPTION_GRACE,
                    profile.postgresOutage()));
            List<KeyLedger> ledger = load.finish(DRAIN);
            phases.end("load and its drain");
            List<Fault> faults = injector.finish(Fleet.START.plusMinutes(1));
            phases.end("faults healed");
            awaitNothingOverdue(db, UUID.fromString(serviceId), profile.bound());
            phases.end("steps caught up");

            Map<String, Long> adopted = regions.fleet.adopted();
            Map<String, Long> homes = incidentsByRegion(db, UUID.fromString(serviceId));
            RunRecord run = RunRecords.read(db.jdbcUrl(), db.username(), db.password(), UUID.fromString(serviceId),
                    runStart, profile.bound(), CLAIM_TTL, ledger, system.twilio().sent(), faults);
            InvariantChecker.Verdict verdict = InvariantChecker.check(run);
            phases.end("read and checked");
            List<String> notes = new ArrayList<>(injector.notes());
            notes.addAll(regions.fleet.notes());
            load.unfinished().forEach(k -> notes.add("unanswered when the drain ended: " + k));
            System.out.println(FaultReport.table(profile, faults, load, run, verdict, homes, adopted, phases.took(), notes));
            if (!verdict.holds()) {
                System.out.println("The apps' last lines (all of it in target/acceptance-logs):\n" + regions.fleet.tails());
            }
            assertThat(verdict.violations()).as("invariants of the fault run with seed " + profile.seed()).isEmpty();
            assertThat(faults).as("faults injected").isNotEmpty();
            assertThat(homes).as("incidents by home region").containsKeys(TwoRegions.FIRST, TwoRegions.SECOND);
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

    /** How many of the service's incidents each region is home to: the one whose graph-api took the alert. */
    private static Map<String, Long> incidentsByRegion(EmbeddedInfrastructure db, UUID serviceId) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement s = c.prepareStatement(
                     "SELECT home_region, count(*) FROM incidents WHERE service_id = ? GROUP BY home_region")) {
            s.setObject(1, serviceId);
            Map<String, Long> byRegion = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byRegion.put(rs.getString(1), rs.getLong(2));
                }
            }
            return byRegion;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the incidents by region", e);
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
