package dev.oncall.core.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.alert.AlertField;
import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.FieldPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The group key of generated alerts: equal exactly when the grouped values are. */
class GroupKeysProperties {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final List<FieldPath> PATHS = List.of(FieldPath.of(AlertField.LABELS, "cluster"),
            FieldPath.of(AlertField.LABELS, "alertname"), FieldPath.of(AlertField.SOURCE),
            FieldPath.of(AlertField.CUSTOM_DETAILS, "region"));
    private static final Grouping BY_ALL = Grouping.content(PATHS);

    @Property
    void alertsShareAKeyExactlyWhenEveryGroupedValueIsEqualOrAbsentInBoth(@ForAll("alerts") AlertFields a,
                                                                           @ForAll("alerts") AlertFields b) {
        boolean same = PATHS.stream().allMatch(p -> a.value(p).equals(b.value(p)));
        assertThat(key(BY_ALL, a).equals(key(BY_ALL, b))).isEqualTo(same);
    }

    @Property
    void fieldsNotGroupedByNeverSplitAGroup(@ForAll("alerts") AlertFields a, @ForAll("values") String summary,
                                            @ForAll("values") String team) {
        Map<String, String> labels = new HashMap<>(a.labels());
        labels.put("team", team);
        AlertFields other = new AlertFields(summary, a.source(), a.severity(), a.component(), a.group(),
                a.className(), a.customDetails(), labels, a.annotations());
        assertThat(key(BY_ALL, other)).isEqualTo(key(BY_ALL, a));
    }

    @Property
    void keysFitTheIndexWhateverTheValues(@ForAll("alerts") AlertFields a) {
        GroupKey k = GroupKeys.of(BY_ALL, a, NOW).orElseThrow();
        assertThat(k.value()).hasSizeLessThanOrEqualTo(GroupKey.MAX_VALUE).startsWith("content:");
        assertThat(k.joinsUntil()).isEmpty();
    }

    @Property
    void otherFieldsMakeOtherGroupsEvenForEqualValues(@ForAll("alerts") AlertFields a) {
        Grouping byCluster = Grouping.content(List.of(PATHS.get(0)));
        Grouping byName = Grouping.content(List.of(PATHS.get(1)));
        assertThat(key(byCluster, a)).isNotEqualTo(key(byName, a));
    }

    @Property
    void aTimeWindowGroupOpenedNowTakesAlertsForItsWindow(@ForAll("alerts") AlertFields a,
                                                         @ForAll @IntRange(min = 1, max = 1440) int minutes) {
        GroupKey k = GroupKeys.of(Grouping.timeWindow(Duration.ofMinutes(minutes)), a, NOW).orElseThrow();
        assertThat(k.joinsUntil()).contains(NOW.plus(Duration.ofMinutes(minutes)));
        assertThat(k.value()).isEqualTo("time_window");
    }

    @Property
    void aServiceThatDoesNotGroupHasNoKeys(@ForAll("alerts") AlertFields a) {
        assertThat(GroupKeys.of(Grouping.none(), a, NOW)).isEmpty();
    }

    private static String key(Grouping grouping, AlertFields fields) {
        return GroupKeys.of(grouping, fields, NOW).orElseThrow().value();
    }

    @Provide
    Arbitrary<String> values() {
        // Few distinct values, so that equal values (and absent ones) are common.
        return Arbitraries.of("", "a", "b", "a.b", "eu-1", "é", "a\u0000");
    }

    @Provide
    Arbitrary<AlertFields> alerts() {
        Arbitrary<Optional<String>> maybe = values().optional(0.6);
        return Combinators.combine(maybe, maybe, values(), maybe).as((cluster, name, source, region) -> {
            Map<String, String> labels = new HashMap<>();
            cluster.ifPresent(c -> labels.put("cluster", c));
            name.ifPresent(n -> labels.put("alertname", n));
            Map<String, String> details = new HashMap<>();
            region.ifPresent(r -> details.put("region", r));
            return new AlertFields("s", source, "error", "", "", "", details, labels, Map.of());
        });
    }
}
