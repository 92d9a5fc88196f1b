package dev.oncall.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated input, well-formed or not: the reader either accepts it (and what it accepted reads
 * back the same after writing, and decides any alert without failing) or refuses it with field
 * errors; nothing else ever comes out of it.
 */
class RoutingSpecProperties {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KEYS = List.of("rules", "catchAll", "name", "conditions", "actions", "field",
            "operator", "value", "values", "negate", "routeTo", "urgency", "priority", "suppress", "drop", "x");
    private static final List<String> WORDS = List.of("equals", "contains", "matches", "exists", "in", "summary",
            "severity", "labels.team", "labels.", "custom_details", "annotations.runbook", "low", "high", "P1", "P6",
            "8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90", "(a+)+", "[", "\u0000", "\ud800", "", " db ", "a.*");

    @Provide
    Arbitrary<Object> trees() {
        return tree(4);
    }

    private static Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.of(WORDS).map(w -> (Object) w),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = tree(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS),
                Arbitraries.strings().ofMaxLength(5)), tree(depth - 1)).ofMaxSize(5).map(m -> (Object) m);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, list),
                net.jqwik.api.Tuple.of(5, map));
    }

    @Property(tries = 300)
    void anyTreeIsAcceptedOrRefusedWithFieldErrors(@ForAll("trees") Object input,
                                                   @ForAll("alerts") AlertFields alert) {
        JsonNode node = JSON.valueToTree(input);
        RoutingRules rules;
        try {
            rules = RoutingSpec.read(node);
        } catch (ValidationException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(f -> assertThat(f.message()).isNotBlank());
            return;
        }
        assertThat(RoutingSpec.parse(RoutingSpec.write(rules, ScheduleSpec.Format.YAML))).isEqualTo(rules);
        assertThat(Routing.decide(rules, alert)).isNotNull();
    }

    @Property(tries = 200)
    void anyTextIsAcceptedOrRefusedWithFieldErrors(@ForAll String text) {
        try {
            RoutingSpec.parse(text);
        } catch (ValidationException e) {
            assertThat(e.errors()).extracting(FieldError::message).allSatisfy(m -> assertThat(m).isNotBlank());
        }
    }

    @Property(tries = 200)
    void anyPatternIsAcceptedOrRefusedAtItsValue(@ForAll String pattern, @ForAll("alerts") AlertFields alert) {
        Map<String, Object> input = Map.of("rules", List.of(Map.of("name", "r", "actions", Map.of(),
                "conditions", List.of(Map.of("field", "summary", "operator", "matches", "value", pattern)))));
        try {
            Routing.decide(RoutingSpec.read(JSON.valueToTree(input)), alert);
        } catch (ValidationException e) {
            assertThat(e.errors()).extracting(FieldError::field).containsOnly("rules[0].conditions[0].value");
        }
    }

    @Provide
    Arbitrary<AlertFields> alerts() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(30));
        return net.jqwik.api.Combinators.combine(text, text, Arbitraries.maps(text, text).ofMaxSize(3))
                .as((summary, severity, labels) -> new AlertFields(summary, "src", severity, "", "", "", labels,
                        labels, labels));
    }
}
