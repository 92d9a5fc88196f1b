package dev.oncall.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.spec.TimelineJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every reviewed scenario and compares it with its expected file, byte for byte. The
 * expected files were checked by hand (see golden/README.md); any difference fails. To look at
 * a deliberate change, run with {@code -Dgolden.update=true}, which rewrites the expected files
 * in the source tree, then review the diff as carefully as the first time.
 */
class GoldenTest {

    static List<GoldenScenario> scenarios() {
        return GoldenScenario.all();
    }

    @Test
    void coversAtLeastTwentyScenarios() {
        assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void rendersAsReviewed(GoldenScenario scenario) throws IOException {
        Schedule schedule = ScheduleSpec.parse(scenario.spec());
        String actual = TimelineJson.write(ScheduleEngine.render(schedule, scenario.from(), scenario.to()));
        if (Boolean.getBoolean("golden.update")) {
            Path target = Path.of("src/test/resources/golden", scenario.expectedFile());
            Files.writeString(target, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(scenario.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exportedSpecRendersTheSame(GoldenScenario scenario) {
        Schedule schedule = ScheduleSpec.parse(scenario.spec());
        assertThat(ScheduleSpec.parse(ScheduleSpec.toYaml(schedule))).isEqualTo(schedule);
        assertThat(ScheduleSpec.parse(ScheduleSpec.toJson(schedule))).isEqualTo(schedule);
    }
}
