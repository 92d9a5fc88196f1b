package dev.oncall.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {
    private static final AlertFields ALERT = new AlertFields("Disk full on db-1", "db-1", "critical", "disk",
            "storage", "", Map.of("", "{\"region\":\"eu\"}", "region", "eu"),
            Map.of("team", "payments", "app.kubernetes.io/name", "api", "empty", ""), Map.of("runbook", "http://r"));

    @ParameterizedTest
    @ValueSource(strings = {"summary", "severity", "component", "group", "class", "custom_details",
            "custom_details.region", "labels.team", "labels.app.kubernetes.io/name", "annotations.runbook"})
    void writtenPathsReadBackAsWritten(String text) {
        Problems problems = new Problems();
        Optional<FieldPath> path = FieldPath.parse(text, problems, "field");
        assertThat(problems.errors()).isEmpty();
        assertThat(path).map(FieldPath::toString).contains(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "labels", "annotations", "labels.", "summary.x", "severity.level", "hostname",
            "Labels.team", "labels.a\nb"})
    void badPathsAreFieldErrorsNamingTheField(String text) {
        Problems problems = new Problems();
        assertThat(FieldPath.parse(text, problems.at("rules[0]"), "field")).isEmpty();
        assertThat(problems.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.field()).isEqualTo("rules[0].field"));
    }

    @Test
    void valuesAreReadFromTheNamedEntry() {
        assertThat(ALERT.value(FieldPath.of(AlertField.LABELS, "team"))).contains("payments");
        assertThat(ALERT.value(FieldPath.of(AlertField.LABELS, "app.kubernetes.io/name"))).contains("api");
        assertThat(ALERT.value(FieldPath.of(AlertField.LABELS, "empty"))).contains("");
        assertThat(ALERT.value(FieldPath.of(AlertField.LABELS, "absent"))).isEmpty();
        assertThat(ALERT.value(FieldPath.of(AlertField.CUSTOM_DETAILS, "region"))).contains("eu");
        assertThat(ALERT.value(FieldPath.of(AlertField.CUSTOM_DETAILS))).contains("{\"region\":\"eu\"}");
        assertThat(ALERT.value(FieldPath.of(AlertField.CLASS))).isEmpty();
        assertThat(ALERT.value(FieldPath.of(AlertField.SEVERITY))).contains("critical");
    }

    @Test
    void anErrorMessageNamesWhatIsAllowed() {
        Problems problems = new Problems();
        FieldPath.parse("host", problems, "field");
        assertThat(problems.errors()).extracting(FieldError::message).singleElement().asString()
                .contains("summary", "labels", "custom_details", "\"host\"");
    }
}
