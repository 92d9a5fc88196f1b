package dev.oncall.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingSpecTest {
    private static List<String> fieldsOf(String text) {
        try {
            RoutingSpec.parse(text);
            throw new AssertionError("accepted: " + text);
        } catch (ValidationException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    void everyProblemIsReportedAtItsPathAtOnce() {
        List<String> fields = fieldsOf("""
                rules:
                  - name: ok
                    conditions: [{field: labels.team, operator: equals, value: db}]
                    actions: {urgency: low}
                  - name: bad
                    conditions:
                      - {field: nonsense, operator: equals, value: x}
                      - {field: summary, operator: matches, value: "(unclosed"}
                      - {field: labels.a, operator: between, value: x}
                    actions: {urgency: loud, priority: P9, routeTo: not-an-id}
                  - name: ok
                    conditions: [{field: summary, operator: in, value: x}]
                    actions: {drop: true, urgency: low}
                catchAll: {suppress: maybe}
                """);

        assertThat(fields).contains("rules[1].conditions[0].field", "rules[1].conditions[1].value",
                "rules[1].conditions[2].operator", "rules[1].actions.urgency", "rules[1].actions.priority",
                "rules[1].actions.routeTo", "rules[2].conditions[0].value", "rules[2].conditions[0].values",
                "rules[2].actions.drop", "rules[2].name", "catchAll.suppress");
    }

    @Test
    void limitsAreFieldErrors() {
        StringBuilder many = new StringBuilder("rules:\n");
        for (int i = 0; i <= RoutingLimits.MAX_RULES; i++) {
            many.append("  - {name: r").append(i).append(", actions: {urgency: low}}\n");
        }
        assertThat(fieldsOf(many.toString())).containsExactly("rules");
        assertThat(fieldsOf("rules: [{name: r, actions: {}, conditions: [{field: summary, operator: matches, value: \""
                + "a".repeat(RoutingLimits.MAX_PATTERN + 1) + "\"}]}]")).containsExactly("rules[0].conditions[0].value");
        assertThat(fieldsOf("rules: [{name: r, actions: {}, conditions: [{field: summary, operator: matches, value: \""
                + "((a{100}){100}){100}\"}]}]")).containsExactly("rules[0].conditions[0].value");
    }

    @Test
    void malformedTextIsOneProblem() {
        assertThatThrownBy(() -> RoutingSpec.parse("rules: [")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("malformed YAML");
        assertThatThrownBy(() -> RoutingSpec.parse("{\"rules\": 3}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("rules: must be a list");
    }

    @Test
    void emptyTextIsNoRules() {
        assertThat(RoutingSpec.parse("")).isEqualTo(RoutingRules.NONE);
        assertThat(RoutingSpec.parse("rules: []")).isEqualTo(RoutingRules.NONE);
    }

    @Test
    void writtenRulesReadBackTheSame() {
        RoutingRules rules = RoutingSpec.parse("""
                rules:
                  - name: a
                    conditions:
                      - {field: labels.app.kubernetes.io/name, operator: in, values: [b, a]}
                      - {field: custom_details.region, operator: exists, negate: true}
                      - {field: summary, operator: matches, value: "(?i)disk.*"}
                    actions: {routeTo: 8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90, suppress: true}
                  - name: b
                    actions: {priority: P1}
                catchAll: {urgency: low}
                """);

        assertThat(RoutingSpec.parse(RoutingSpec.write(rules, ScheduleSpec.Format.YAML))).isEqualTo(rules);
        assertThat(RoutingSpec.parse(RoutingSpec.write(rules, ScheduleSpec.Format.JSON))).isEqualTo(rules);
        assertThat(RoutingSpec.parse(RoutingSpec.toJson(rules))).isEqualTo(rules);
    }
}
