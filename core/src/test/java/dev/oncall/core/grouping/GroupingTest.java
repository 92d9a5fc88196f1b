package dev.oncall.core.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupingTest {

    @Test
    void parsesEachModeAsTheApiWritesIt() {
        assertThat(parse("none", List.of(), null)).contains(Grouping.none());
        assertThat(parse("content", List.of("labels.cluster", "labels.alertname"), null).orElseThrow().fields())
                .extracting(Object::toString).containsExactly("labels.cluster", "labels.alertname");
        assertThat(parse("time_window", List.of(), 15)).contains(Grouping.timeWindow(Duration.ofMinutes(15)));
    }

    @Test
    void refusesEachProblemUnderItsField() {
        assertThat(errors("sometimes", List.of(), null)).extracting(FieldError::field).containsExactly("mode");
        assertThat(errors("content", List.of(), null)).extracting(FieldError::field).containsExactly("fields");
        assertThat(errors("content", List.of("labels.cluster", "nope", "labels"), null))
                .extracting(FieldError::field).containsExactly("fields[1]", "fields[2]");
        assertThat(errors("content", List.of("labels.a", "labels.a"), null)).extracting(FieldError::message)
                .containsExactly("names a field twice");
        assertThat(errors("content", Collections.nCopies(Grouping.MAX_FIELDS + 1, "source"), null))
                .extracting(FieldError::field).containsExactly("fields");
        assertThat(errors("content", List.of("source"), 5)).extracting(FieldError::field)
                .containsExactly("windowMinutes");
        assertThat(errors("time_window", List.of(), null)).extracting(FieldError::field).containsExactly("windowMinutes");
        assertThat(errors("time_window", List.of("source"), 5)).extracting(FieldError::field).containsExactly("fields");
        assertThat(errors("none", List.of(), 5)).extracting(FieldError::field).containsExactly("windowMinutes");
    }

    @Test
    void windowsAreBounded() {
        assertThat(errors("time_window", List.of(), 0)).isNotEmpty();
        assertThat(errors("time_window", List.of(), -3)).isNotEmpty();
        assertThat(errors("time_window", List.of(), 1441)).isNotEmpty();
        assertThat(errors("time_window", List.of(), 1)).isEmpty();
        assertThat(errors("time_window", List.of(), 1440)).isEmpty();
        assertThatThrownBy(() -> Grouping.timeWindow(Duration.ofSeconds(90))).isInstanceOf(ValidationException.class);
    }

    private static Optional<Grouping> parse(String mode, List<String> fields, Integer minutes) {
        Problems problems = new Problems();
        Optional<Grouping> g = Grouping.parse(mode, fields, minutes, problems);
        assertThat(problems.errors()).isEmpty();
        return g;
    }

    private static List<FieldError> errors(String mode, List<String> fields, Integer minutes) {
        Problems problems = new Problems();
        Optional<Grouping> g = Grouping.parse(mode, fields, minutes, problems);
        assertThat(g.isEmpty()).isEqualTo(!problems.isEmpty());
        return problems.errors();
    }
}
