package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.routing.RoutingSpec;
import dev.oncall.core.routing.SeverityUrgency;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.routing.RoutingRepository;
import dev.oncall.store.routing.StoredRouting;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.version.ConfigurationVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing rules applied at ingest, on the real database: where alerts go, how loudly, and what is not recorded. */
class RoutedIngestTest extends IncidentTestBase {
    RoutingRepository routing;
    SimpleMeterRegistry counted;
    IncidentCommands counting;
    UUID db;

    @BeforeEach
    void routingSetUp() {
        routing = new RoutingRepository(store.tx);
        counted = new SimpleMeterRegistry();
        counting = new IncidentCommands(store.tx, clock, REGION, new DirectOnCallLookup(store.scheduleLoader),
                new IncidentEventPublisher(redis), counted, java.time.Duration.ofSeconds(8));
        db = store.services.create(scenario.team, "database", "", scenario.policy, Urgency.HIGH, Optional.empty()).id();
    }

    private StoredRouting rules(long version, String yaml) {
        return routing.replaceRules(scenario.service, version, RoutingSpec.parse(yaml));
    }

    private TriggerResult fire(String key, String severity, Map<String, String> labels) {
        return counting.trigger(scenario.service, new AlertEvent(AlertAction.TRIGGER, Optional.of(key),
                new AlertFields("disk full", "db-1", severity, "", "", "", Map.of(), labels, Map.of()), "{}"),
                Actor.integration("test"), Channel.ALERTMANAGER);
    }

    private Incident incident(TriggerResult r) {
        return store.tx.read("t", d -> IncidentWrites.load(d, r.incidentId().orElseThrow())).orElseThrow();
    }

    @Test
    void aRuleRoutesToAnotherServiceOfTheTeamAndResolveFollowsTheAlert() {
        rules(0, """
                rules:
                  - name: databases
                    conditions: [{field: labels.team, operator: equals, value: db}]
                    actions: {routeTo: %s, priority: P2}
                """.formatted(db));

        TriggerResult created = fire("k1", "critical", Map.of("team", "db"));
        TriggerResult again = fire("k1", "critical", Map.of("team", "db"));
        TriggerResult acked = counting.trigger(scenario.service, AlertEvent.of(AlertAction.ACKNOWLEDGE, "k1"),
                Actor.integration("test"), Channel.EVENTS_V2);
        TriggerResult resolved = counting.trigger(scenario.service, AlertEvent.of(AlertAction.RESOLVE, "k1"),
                Actor.integration("test"), Channel.EVENTS_V2);

        assertThat(created.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(incident(created).serviceId()).isEqualTo(db);
        assertThat(incident(created).priority()).contains(Priority.P2);
        assertThat(again.outcome()).isEqualTo(TriggerResult.Outcome.DEDUPLICATED);
        assertThat(acked.outcome()).isEqualTo(TriggerResult.Outcome.ACKNOWLEDGED);
        assertThat(resolved.outcome()).isEqualTo(TriggerResult.Outcome.RESOLVED);
        assertThat(resolved.incidentId()).isEqualTo(created.incidentId());
        assertThat(count("SELECT count(*) FROM alerts WHERE service_id = ? AND received_service_id = ?", db,
                scenario.service)).isEqualTo(1);
        assertThat(kinds(created.incidentId().orElseThrow())).contains("triggered", "acknowledged", "resolved");
    }

    @Test
    void theTargetsOwnRulesAreNotAppliedAgain() {
        routing.replaceRules(db, 0, RoutingSpec.parse("rules: [{name: drop all, actions: {drop: true}}]"));
        rules(0, "catchAll: {routeTo: %s}".formatted(db));

        TriggerResult r = fire("k1", "critical", Map.of());

        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(incident(r).serviceId()).isEqualTo(db);
    }

    @Test
    void suppressRecordsTheAlertAndPagesNobody() {
        rules(0, "rules: [{name: quiet, conditions: [{field: labels.env, operator: equals, value: dev}], "
                + "actions: {suppress: true}}]");

        TriggerResult r = fire("k1", "critical", Map.of("env", "dev"));
        TriggerResult resolved = counting.trigger(scenario.service, AlertEvent.of(AlertAction.RESOLVE, "k1"),
                Actor.integration("test"), Channel.EVENTS_V2);

        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.SUPPRESSED);
        assertThat(r.alertId()).isPresent();
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ?", scenario.service)).isZero();
        assertThat(resolved.outcome()).isEqualTo(TriggerResult.Outcome.RESOLVED);
    }

    @Test
    void dropWritesNothingAndIsCountedByServiceAndRule() {
        rules(0, "rules: [{name: watchdog, conditions: [{field: labels.alertname, operator: equals, value: Watchdog}], "
                + "actions: {drop: true}}]");

        TriggerResult r = fire("k1", "critical", Map.of("alertname", "Watchdog"));
        fire("k2", "critical", Map.of("alertname", "Watchdog"));

        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.DROPPED);
        assertThat(r.alertId()).isEmpty();
        assertThat(count("SELECT count(*) FROM alerts WHERE service_id = ?", scenario.service)).isZero();
        assertThat(counted.counter("oncall.alerts.dropped", "service", scenario.service.toString(), "rule", "watchdog")
                .count()).isEqualTo(2);
    }

    @Test
    void urgencyComesFromTheRuleThenTheSeverityMapThenTheServiceDefault() {
        routing.setSeverityUrgency(scenario.service, new SeverityUrgency(Map.of(SeverityUrgency.Severity.WARNING,
                Urgency.LOW, SeverityUrgency.Severity.INFO, Urgency.LOW)));
        rules(0, "rules: [{name: loud, conditions: [{field: labels.loud, operator: exists}], actions: {urgency: high}}]");

        assertThat(incident(fire("a", "warning", Map.of("loud", "yes"))).urgency()).isEqualTo(Urgency.HIGH);
        assertThat(incident(fire("b", "warning", Map.of())).urgency()).isEqualTo(Urgency.LOW);
        assertThat(incident(fire("c", "critical", Map.of())).urgency()).isEqualTo(Urgency.HIGH);
        assertThat(incident(fire("d", "critical", Map.of())).priority()).isEmpty();
    }

    @Test
    void withoutRoutingNothingChanges() {
        TriggerResult r = fire("k1", "warning", Map.of("team", "db"));

        assertThat(incident(r).serviceId()).isEqualTo(scenario.service);
        assertThat(incident(r).urgency()).isEqualTo(Urgency.HIGH);
        assertThat(routing.find(scenario.service).version()).isZero();
    }

    @Test
    void aPersonPagingByHandIsNotRouted() {
        rules(0, "catchAll: {drop: true}");

        TriggerResult r = counting.trigger(scenario.service, AlertEvent.trigger(null, "help", "me", "critical", "{}"),
                Urgency.LOW, Actor.integration("test"), Channel.EVENTS_V2);

        assertThat(r.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
    }

    @Test
    void aStaleVersionIsRefusedAndNothingIsWritten() {
        long before = store.tx.read("v", ConfigurationVersion::read);
        StoredRouting first = rules(0, "catchAll: {urgency: low}");

        assertThatThrownBy(() -> rules(0, "catchAll: {drop: true}")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
                        .containsExactly("version"));
        assertThat(first.version()).isEqualTo(1);
        assertThat(routing.find(scenario.service).rules()).isEqualTo(RoutingSpec.parse("catchAll: {urgency: low}"));
        assertThat(store.tx.read("v", ConfigurationVersion::read)).isEqualTo(before + 1);
    }

    @Test
    void ofTwoConcurrentReplacesOfOneVersionExactlyOneWins() throws Exception {
        rules(0, "catchAll: {urgency: low}");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> racers = new ArrayList<>();
        for (String urgency : List.of("low", "high")) {
            racers.add(() -> {
                start.await();
                try {
                    rules(1, "catchAll: {urgency: " + urgency + "}");
                    return "won";
                } catch (ValidationException e) {
                    return e.errors().getFirst().field();
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = racers.stream().map(pool::submit).toList();
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("won", "version");
        } finally {
            pool.shutdownNow();
        }
        assertThat(routing.find(scenario.service).version()).isEqualTo(2);
    }

    @Test
    void aRouteTargetOfAnotherTeamIsRefusedLikeAMissingOne() {
        IncidentScenario other = scenario(0, Optional.empty());

        assertThatThrownBy(() -> rules(0, """
                rules:
                  - {name: a, actions: {routeTo: %s}}
                  - {name: b, actions: {routeTo: %s}}
                  - {name: c, actions: {routeTo: %s}}
                """.formatted(other.service, UUID.randomUUID(), scenario.service)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsExactly(
                        new FieldError("rules[0].actions.routeTo", "no such service in this service's team"),
                        new FieldError("rules[1].actions.routeTo", "no such service in this service's team"),
                        new FieldError("rules[2].actions.routeTo",
                                "is this service itself: route to another service of the team")));
    }
}
