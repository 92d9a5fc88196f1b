package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.alert.AlertField;
import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.FieldPath;
import dev.oncall.core.grouping.Grouping;
import dev.oncall.core.grouping.GroupingSettings;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.store.grouping.GroupingSettingsRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts of a service that groups them: one incident per group, decided in ingest's transaction
 * with dedup, exactly once however many alerts of a group arrive at once.
 */
class AlertGroupingTest extends IncidentTestBase {
    private static final Grouping BY_CLUSTER_AND_NAME = Grouping.content(List.of(
            FieldPath.of(AlertField.LABELS, "cluster"), FieldPath.of(AlertField.LABELS, "alertname")));
    private GroupingSettingsRepository settings;

    @BeforeEach
    void groupingSettings() {
        settings = new GroupingSettingsRepository(store.tx);
    }

    @Test
    void alertsWithEqualValuesJoinTheOpenIncidentOfTheirGroupAndPageOnce() {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        TriggerResult first = fire("a1", "eu-1", "HostDown");
        TriggerResult second = fire("a2", "eu-1", "HostDown");
        TriggerResult otherCluster = fire("a3", "us-1", "HostDown");

        assertThat(first.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(second.outcome()).isEqualTo(TriggerResult.Outcome.GROUPED);
        assertThat(second.incidentId()).isEqualTo(first.incidentId());
        assertThat(otherCluster.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(otherCluster.incidentId()).isNotEqualTo(first.incidentId());
        UUID incident = first.incidentId().orElseThrow();
        assertThat(kinds(incident)).containsExactly("triggered", "alert_joined");
        JsonNode joined = JsonMapper.builder().build().readTree(reads.events(incident, 1, 10).getFirst().dataJson());
        assertThat(joined.get("count").asInt()).isEqualTo(2);
        assertThat(joined.get("group").get("labels.cluster").asString()).isEqualTo("eu-1");
        assertThat(count("SELECT count(*) FROM alerts WHERE incident_id = ?", incident)).isEqualTo(2);
        // One first page per incident: the joined alert armed no timer of its own.
        assertThat(timers.dueBy(REGION, clock.instant(), 10)).hasSize(2);
        // A repeat of a joined alert is deduplicated on it, as before grouping.
        assertThat(fire("a2", "eu-1", "HostDown").outcome()).isEqualTo(TriggerResult.Outcome.DEDUPLICATED);
    }

    @Test
    void alertsWithoutAGroupedValueGroupTogetherApartFromThoseWithOne() {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        TriggerResult noCluster = fire("n1", null, "HostDown");
        assertThat(fire("n2", null, "HostDown").incidentId()).isEqualTo(noCluster.incidentId());
        assertThat(fire("n3", "", "HostDown").incidentId()).isNotEqualTo(noCluster.incidentId());
    }

    @Test
    void aServiceThatDoesNotGroupOpensAnIncidentPerAlert() {
        assertThat(fire("x1", "eu-1", "HostDown").incidentId()).isNotEqualTo(fire("x2", "eu-1", "HostDown").incidentId());
        assertThat(store.count("alert_groups")).isZero();
    }

    @Test
    void resolvingTheIncidentResolvesEveryAlertAndClosesTheGroup() {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        UUID incident = fire("r1", "eu-1", "HostDown").incidentId().orElseThrow();
        fire("r2", "eu-1", "HostDown");
        commands.resolve(incident, Actor.integration("t"), Channel.GRAPHQL);

        assertThat(count("SELECT count(*) FROM alerts WHERE incident_id = ? AND status <> 'resolved'", incident)).isZero();
        TriggerResult next = fire("r3", "eu-1", "HostDown");
        assertThat(next.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        assertThat(next.incidentId()).isNotEqualTo(Optional.of(incident));
    }

    @Test
    void anAlertsOwnResolveResolvesItAndTheIncidentWithItsLastOpenAlert() {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        UUID incident = fire("o1", "eu-1", "HostDown").incidentId().orElseThrow();
        fire("o2", "eu-1", "HostDown");

        resolveByKey("o1");
        assertThat(reads.get(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(kinds(incident)).endsWith("alert_resolved");
        assertThat(fire("o3", "eu-1", "HostDown").incidentId()).contains(incident);

        resolveByKey("o2");
        resolveByKey("o3");
        assertThat(reads.get(incident).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(kinds(incident)).endsWith("alert_resolved", "resolved");
    }

    @Test
    void aServiceMayKeepIncidentsOpenUntilAPersonResolvesThem() {
        settings.save(scenario.service, new GroupingSettings(Grouping.none(), false));
        UUID incident = fire("p1", "eu-1", "HostDown").incidentId().orElseThrow();
        resolveByKey("p1");
        assertThat(reads.get(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(count("SELECT count(*) FROM alerts WHERE status = 'resolved'")).isEqualTo(1);
        assertThat(kinds(incident)).containsExactly("triggered", "alert_resolved");
    }

    @Test
    void acknowledgingByKeyAcknowledgesTheIncident() {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        UUID incident = fire("k1", "eu-1", "HostDown").incidentId().orElseThrow();
        fire("k2", "eu-1", "HostDown");
        commands.trigger(scenario.service, AlertEvent.of(AlertAction.ACKNOWLEDGE, "k2"), Actor.integration("t"),
                Channel.EVENTS_V2);
        assertThat(reads.get(incident).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(timers.dueBy(REGION, clock.instant().plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void aTimeWindowGroupTakesAlertsUntilItsWindowHasPassedThenTheNextOpensANewOne() {
        settings.save(scenario.service, new GroupingSettings(Grouping.timeWindow(Duration.ofMinutes(5)), true));
        UUID first = fire("w1", "eu-1", "A").incidentId().orElseThrow();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(fire("w2", "us-1", "B").incidentId()).contains(first);
        clock.advance(Duration.ofMillis(1));
        TriggerResult atTheBoundary = fire("w3", "eu-1", "A");
        assertThat(atTheBoundary.outcome()).isEqualTo(TriggerResult.Outcome.CREATED);
        UUID second = atTheBoundary.incidentId().orElseThrow();
        clock.advance(Duration.ofMinutes(4));
        assertThat(fire("w4", "eu-1", "A").incidentId()).contains(second);
        // The first incident is still open; only its group stopped taking alerts.
        assertThat(reads.get(first).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(count("SELECT count(*) FROM alerts WHERE incident_id = ?", first)).isEqualTo(2);
    }

    @Test
    void savingTheSettingsBumpsTheConfigurationVersion() {
        long before = count("SELECT CAST(version AS INT) FROM configuration_version");
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, false));
        assertThat(count("SELECT CAST(version AS INT) FROM configuration_version")).isEqualTo(before + 1);
        assertThat(settings.find(scenario.service)).isEqualTo(new GroupingSettings(BY_CLUSTER_AND_NAME, false));
        assertThat(settings.find(UUID.randomUUID())).isEqualTo(GroupingSettings.DEFAULT);
    }

    @Test
    void aStormOfOverlappingGroupsOpensExactlyOneIncidentPerGroup() throws Exception {
        settings.save(scenario.service, new GroupingSettings(BY_CLUSTER_AND_NAME, true));
        int threads = 6;
        int perThread = 40;
        List<String> clusters = List.of("eu-1", "eu-2", "us-1", "ap-1");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<TriggerResult> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<TriggerResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<TriggerResult> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // Every thread sends alerts of every group, overlapping, and some twice (dedup).
                        int alert = i / 2;
                        String cluster = clusters.get((thread + alert) % clusters.size());
                        mine.add(fire("h-" + thread + "-" + alert, cluster, "HostDown"));
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<List<TriggerResult>> f : futures) {
                results.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.count("incidents")).isEqualTo(clusters.size());
        assertThat(results.stream().filter(r -> r.outcome() == TriggerResult.Outcome.CREATED)).hasSize(clusters.size());
        assertThat(count("SELECT count(*) FROM alerts WHERE incident_id IS NULL")).isZero();
        assertThat(count("SELECT count(*) FROM alerts a JOIN incidents i ON i.id = a.incident_id")).isEqualTo(
                store.count("alerts"));
        // Each incident holds exactly its cluster's alerts.
        assertThat(count("""
                SELECT count(DISTINCT (i.id, a.payload->>'cluster')) FROM incidents i JOIN alerts a ON a.incident_id = i.id""")
        ).isEqualTo(clusters.size());
        for (UUID incident : results.stream().flatMap(r -> r.incidentId().stream()).collect(Collectors.toSet())) {
            List<Long> seqs = reads.events(incident, 0, 10_000).stream().map(IncidentEvent::seq).toList();
            assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(kinds(incident).stream().filter("triggered"::equals)).hasSize(1);
            assertThat(kinds(incident).stream().filter("alert_joined"::equals)).hasSize(
                    count("SELECT count(*) FROM alerts WHERE incident_id = ?", incident) - 1);
        }
        assertThat(timers.dueBy(REGION, clock.instant(), 100)).hasSize(clusters.size());
        assertThat(count("SELECT count(*) FROM alert_groups WHERE status = 'open'")).isEqualTo(clusters.size());
        assertThat(Set.copyOf(results.stream().map(TriggerResult::outcome).toList())).contains(
                TriggerResult.Outcome.GROUPED, TriggerResult.Outcome.DEDUPLICATED);
    }

    private TriggerResult fire(String key, String cluster, String alertname) {
        Map<String, String> labels = new java.util.HashMap<>();
        labels.put("alertname", alertname);
        if (cluster != null) {
            labels.put("cluster", cluster);
        }
        AlertFields fields = new AlertFields(alertname + " on " + cluster, "prometheus", "critical", "", "", "",
                Map.of(), labels, Map.of());
        String payload = cluster == null ? "{}" : "{\"cluster\":\"" + cluster + "\"}";
        return commands.trigger(scenario.service, new AlertEvent(AlertAction.TRIGGER, Optional.of(key), fields, payload),
                Actor.integration("prometheus"), Channel.ALERTMANAGER);
    }

    private void resolveByKey(String key) {
        commands.trigger(scenario.service, AlertEvent.of(AlertAction.RESOLVE, key), Actor.integration("prometheus"),
                Channel.ALERTMANAGER);
    }
}
