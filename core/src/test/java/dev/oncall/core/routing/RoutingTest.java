package dev.oncall.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.user.Urgency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private static final UUID DBA = UUID.fromString("8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90");
    private static final RoutingRules RULES = RoutingSpec.parse("""
            rules:
              - name: silence the watchdog
                conditions:
                  - {field: labels.alertname, operator: equals, value: Watchdog}
                actions: {drop: true}
              - name: database to the DBAs
                conditions:
                  - {field: labels.team, operator: in, values: [dba, db]}
                  - {field: labels.env, operator: in, values: [dev, test], negate: true}
                actions: {routeTo: %s, priority: P2}
              - name: warnings are quiet
                conditions:
                  - {field: severity, operator: matches, value: "warn(ing)?"}
                actions: {urgency: low}
              - name: disk noise
                conditions:
                  - {field: summary, operator: contains, value: "disk 8"}
                  - {field: annotations.runbook, operator: exists, negate: true}
                actions: {suppress: true}
            catchAll: {priority: P4}
            """.formatted(DBA));

    private static AlertFields alert(String summary, String severity, Map<String, String> labels) {
        return new AlertFields(summary, "host-1", severity, "", "", "", Map.of(), labels, Map.of());
    }

    @Test
    void theFirstMatchingRuleDecides() {
        Decision d = Routing.decide(RULES, alert("db down", "warning", Map.of("team", "dba", "env", "prod")));

        assertThat(d.rule()).contains("database to the DBAs");
        assertThat(d.ruleIndex()).contains(1);
        assertThat(d.actions().routeTo()).contains(DBA);
        assertThat(d.actions().priority()).contains(Priority.P2);
    }

    @Test
    void aNegatedConditionHoldsWhenTheFieldIsAbsent() {
        assertThat(Routing.decide(RULES, alert("db down", "critical", Map.of("team", "db"))).rule())
                .contains("database to the DBAs");
        assertThat(Routing.decide(RULES, alert("db down", "critical", Map.of("team", "db", "env", "dev"))).rule())
                .isEmpty();
    }

    @Test
    void aPatternMatchesTheWholeValue() {
        assertThat(Routing.decide(RULES, alert("x", "warning", Map.of())).rule()).contains("warnings are quiet");
        assertThat(Routing.decide(RULES, alert("x", "warn", Map.of())).rule()).contains("warnings are quiet");
        assertThat(Routing.decide(RULES, alert("x", "prewarning", Map.of())).rule()).isEmpty();
    }

    @Test
    void dropAndSuppressAreDecisionsLikeAnyOther() {
        assertThat(Routing.decide(RULES, alert("x", "info", Map.of("alertname", "Watchdog"))).actions().drop()).isTrue();
        assertThat(Routing.decide(RULES, alert("disk 85% full", "info", Map.of())).actions().suppress()).isTrue();
    }

    @Test
    void theCatchAllAppliesWhenNoRuleMatches() {
        Decision d = Routing.decide(RULES, alert("cpu", "critical", Map.of()));

        assertThat(d.matched()).isFalse();
        assertThat(d.actions().priority()).contains(Priority.P4);
        assertThat(Routing.decide(RoutingRules.NONE, alert("cpu", "critical", Map.of()))).isEqualTo(Decision.NONE);
    }

    @Test
    void aRuleWithoutConditionsAlwaysMatches() {
        RoutingRules always = new RoutingRules(java.util.List.of(new Rule("all", java.util.List.of(),
                Actions.NONE.withUrgency(Urgency.LOW))), Actions.NONE);

        assertThat(Routing.decide(always, AlertFields.NONE).rule()).contains("all");
    }

    @Test
    void urgencyComesFromTheRuleThenTheSeverityMapThenTheService() {
        SeverityUrgency map = new SeverityUrgency(Map.of(SeverityUrgency.Severity.WARNING, Urgency.LOW,
                SeverityUrgency.Severity.CRITICAL, Urgency.HIGH));
        Decision rule = new Decision(Optional.of(0), Optional.of("r"), Actions.NONE.withUrgency(Urgency.HIGH));

        assertThat(Routing.urgency(rule, map, "warning", Urgency.LOW)).isEqualTo(Urgency.HIGH);
        assertThat(Routing.urgency(Decision.NONE, map, "warning", Urgency.HIGH)).isEqualTo(Urgency.LOW);
        assertThat(Routing.urgency(Decision.NONE, map, "info", Urgency.HIGH)).isEqualTo(Urgency.HIGH);
        assertThat(Routing.urgency(Decision.NONE, SeverityUrgency.NONE, "critical", Urgency.LOW)).isEqualTo(Urgency.LOW);
    }

    @Test
    void aBacktrackingPatternRunsInLinearTime() {
        RoutingRules evil = RoutingSpec.parse("""
                rules:
                  - name: evil
                    conditions: [{field: summary, operator: matches, value: "(a+)+$"}]
                    actions: {urgency: low}
                """);
        // java.util.regex takes exponential time on this input; RE2 answers at once.
        String input = "a".repeat(1000) + "!";

        assertThat(Routing.decide(evil, alert(input, "info", Map.of())).matched()).isFalse();
    }
}
