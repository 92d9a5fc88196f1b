package dev.oncall.core.spec;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
    private static final String EXAMPLE = """
            timezone: America/New_York
            layers:                         # listed lowest priority first
              - name: primary
                start: 2026-01-05T09:00
                end: 2026-12-31T09:00
                rotation: {type: weekly, length: 1}
                participants: [alice, bob, carol]
                usersPerShift: 1
                restrictions:
                  - {type: daily, start: "09:00", end: "17:00"}
                  - {type: weekly, startDay: MONDAY, start: "09:00", endDay: FRIDAY, end: "17:00"}
            overrides:
              - {user: dave, start: 2026-01-07T12:00:00Z, end: 2026-01-07T18:00:00Z}
            coverages:
              - {requester: alice, start: 2026-01-06T12:00:00Z, end: 2026-01-06T14:00:00Z, claimedBy: erin}
            """;

    private static List<String> problems(String spec) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> ScheduleSpec.parse(spec));
        assertThat(e).as("the spec should be refused").isNotNull();
        return e.errors().stream().map(FieldError::toString).toList();
    }

    private static String layer(String fields) {
        return "timezone: UTC\nlayers:\n  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: [a, b], "
                + fields + "}\n";
    }

    @Test
    void readsTheDocumentedExample() {
        Schedule s = ScheduleSpec.parse(EXAMPLE);
        assertThat(s.zone()).isEqualTo(ZoneId.of("America/New_York"));
        Layer layer = s.layers().get(0);
        assertThat(layer.start()).isEqualTo(LocalDateTime.parse("2026-01-05T09:00"));
        assertThat(layer.end()).contains(LocalDateTime.parse("2026-12-31T09:00"));
        assertThat(layer.rotation()).isEqualTo(Rotation.weekly(1));
        assertThat(layer.restrictions()).containsExactly(
                Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0)),
                Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0)));
        assertThat(s.overrides().get(0).user()).isEqualTo(ref("dave"));
        assertThat(s.coverRequests().get(0).id()).isEqualTo("coverage-0");
        assertThat(s.coverRequests().get(0).claimedBy()).contains(ref("erin"));
    }

    /**
     * An emoji (a surrogate pair) that straddles the YAML reader's 1024-character window used to
     * crash the parser (snakeyaml-engine 3.0.1, the one jackson-dataformat-yaml brings); wherever it
     * falls, the file reads the same.
     */
    @Test
    void aCharacterBeyondTheBasicPlaneReadsWhereverItFalls() {
        Schedule plain = ScheduleSpec.parse(EXAMPLE);
        for (int padding = 990; padding < 1060; padding++) {
            String file = "# " + "x".repeat(padding) + " \uD83D\uDD25\n" + EXAMPLE;
            assertThat(ScheduleSpec.parse(file)).as("emoji after %d characters", padding).isEqualTo(plain);
        }
    }

    @Test
    void jsonAndYamlReadTheSame() {
        Schedule s = ScheduleSpec.parse(EXAMPLE);
        assertThat(ScheduleSpec.parse(ScheduleSpec.toJson(s), ScheduleSpec.Format.JSON)).isEqualTo(s);
        assertThat(ScheduleSpec.parse(ScheduleSpec.toYaml(s), ScheduleSpec.Format.YAML)).isEqualTo(s);
        assertThat(ScheduleSpec.toJson(s)).startsWith("{");
    }

    @Test
    void exportLeavesDefaultsOutAndKeepsCustomLengthsAsWritten() {
        Schedule s = ScheduleSpec.parse("""
                timezone: Europe/London
                layers:
                  - {name: p, start: 2026-01-05T09:00, rotation: {type: custom, length: P1DT12H}, participants: [a]}
                """);
        String yaml = ScheduleSpec.toYaml(s);
        assertThat(yaml).contains("length: P1DT12H").doesNotContain("usersPerShift").doesNotContain("overrides");
        assertThat(ScheduleSpec.parse(yaml)).isEqualTo(s);
    }

    @Test
    void unknownZoneIsNamed() {
        assertThat(problems("timezone: Mars/Base\n"))
                .containsExactly("timezone: unknown time zone \"Mars/Base\": use an IANA time zone name such as Europe/London, America/New_York or UTC");
    }

    @Test
    void missingTimezoneIsRequired() {
        assertThat(problems("layers: []\n")).containsExactly("timezone: is required");
    }

    @Test
    void aLayerWithoutParticipantsIsRefused() {
        assertThat(problems("timezone: UTC\nlayers:\n  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: []}\n"))
                .containsExactly("layers[0].participants: a layer needs at least one participant");
    }

    @Test
    void usersPerShiftMustFitTheParticipants() {
        assertThat(problems(layer("usersPerShift: 3")))
                .containsExactly("layers[0].usersPerShift: must be between 1 and the number of participants (2), got 3");
        assertThat(problems(layer("usersPerShift: 0")))
                .containsExactly("layers[0].usersPerShift: must be between 1 and the number of participants (2), got 0");
    }

    @Test
    void zeroNegativeAndMalformedLengthsAreRefused() {
        String base = "timezone: UTC\nlayers:\n  - {name: p, start: 2026-01-05T09:00, participants: [a], rotation: ";
        assertThat(problems(base + "{type: weekly, length: 0}}\n"))
                .containsExactly("layers[0].rotation.length: must be at least 1, got 0");
        assertThat(problems(base + "{type: hourly, length: -4}}\n"))
                .containsExactly("layers[0].rotation.length: must be at least 1, got -4");
        assertThat(problems(base + "{type: custom, length: PT0H}}\n"))
                .containsExactly("layers[0].rotation.length: must be positive, got \"PT0H\"");
        assertThat(problems(base + "{type: custom, length: P-3D}}\n"))
                .containsExactly("layers[0].rotation.length: must not be negative, got \"P-3D\"");
        assertThat(problems(base + "{type: custom, length: 3d}}\n")).containsExactly(
                "layers[0].rotation.length: malformed length \"3d\": expected an ISO-8601 period or duration such as P3D, PT12H or P1DT12H");
        assertThat(problems(base + "{type: weekly, length: P1W}}\n")).containsExactly(
                "layers[0].rotation.length: must be a whole number of weeks, got \"P1W\" (ISO-8601 lengths need type: custom)");
        assertThat(problems(base + "{type: fortnightly}}\n")).containsExactly(
                "layers[0].rotation.type: unknown rotation type \"fortnightly\": expected monthly, weekly, daily, hourly or custom");
    }

    @Test
    void aRestrictionThatEndsWhereItStartsIsRefused() {
        assertThat(problems(layer("restrictions: [{type: daily, start: '09:00', end: '09:00'}]"))).containsExactly(
                "layers[0].restrictions[0].end: must differ from start (09:00): a window that ends where it starts is empty or all day, say which");
        assertThat(problems(layer("restrictions: [{type: weekly, startDay: MONDAY, start: '09:00', endDay: MONDAY, end: '09:00'}]")))
                .containsExactly("layers[0].restrictions[0].end: must differ from start (MONDAY 09:00): a window that ends where it starts"
                        + " is empty or all week, say which");
    }

    @Test
    void unknownWeekdaysAreNamed() {
        assertThat(problems(layer("restrictions: [{type: weekly, startDay: Funday, start: '09:00', endDay: FRIDAY, end: '17:00'}]")))
                .containsExactly("layers[0].restrictions[0].startDay: unknown weekday \"Funday\": expected one of MONDAY, TUESDAY,"
                        + " WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY");
    }

    @Test
    void weekdaysAndTypesIgnoreCase() {
        Schedule s = ScheduleSpec.parse(layer("restrictions: [{type: Weekly, startDay: monday, start: '09:00', endDay: friday, end: '17:00'}]"));
        assertThat(s.layers().get(0).restrictions())
                .containsExactly(Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0)));
    }

    @Test
    void anOverrideThatEndsBeforeItStartsIsRefused() {
        assertThat(problems("timezone: UTC\noverrides:\n  - {user: d, start: 2026-01-07T12:00:00Z, end: 2026-01-07T10:00:00Z}\n"))
                .containsExactly("overrides[0].end: must be after start (2026-01-07T12:00:00Z), got 2026-01-07T10:00:00Z");
    }

    @Test
    void aLayerThatEndsBeforeItStartsIsRefused() {
        assertThat(problems(layer("end: 2026-01-01T09:00")))
                .containsExactly("layers[0].end: must be after the layer's start (2026-01-05T09:00), got 2026-01-01T09:00");
    }

    @Test
    void everyProblemIsListedAtOnceWithItsPath() {
        List<String> problems = problems("""
                timezone: Mars/Base
                layers:
                  - name: p
                    start: 2026-01-05T09:00Z
                    rotation: {type: custom, length: P0D}
                    participants: []
                    restrictions:
                      - {type: weekly, startDay: FUNDAY, start: '09:00', endDay: MONDAY, end: '25:00'}
                  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: [a], usersPerShift: two}
                overrides:
                  - {user: dave, start: 2026-01-07T12:00:00Z, end: 2026-01-07T10:00:00Z}
                  - {usr: dave}
                  - {user: erin, start: 2026-01-07T12:00, end: 2026-01-07T13:00:00.5Z}
                coverages:
                  - {requester: a, start: 2026-01-07T12:00:00Z, end: 2026-01-07T13:00:00Z, claimedBy: a}
                """);
        assertThat(problems).containsExactlyInAnyOrder(
                "timezone: unknown time zone \"Mars/Base\": use an IANA time zone name such as Europe/London, America/New_York or UTC",
                "layers[0].start: must be a local date-time without offset, such as 2026-01-05T09:00 (it is read in the"
                        + " schedule's timezone), got \"2026-01-05T09:00Z\"",
                "layers[0].rotation.length: must be positive, got \"P0D\"",
                "layers[0].participants: a layer needs at least one participant",
                "layers[0].restrictions[0].startDay: unknown weekday \"FUNDAY\": expected one of MONDAY, TUESDAY, WEDNESDAY,"
                        + " THURSDAY, FRIDAY, SATURDAY, SUNDAY",
                "layers[0].restrictions[0].end: must be a local time such as 09:00 or 17:30 (midnight is 00:00), got \"25:00\"",
                "layers[1].usersPerShift: must be a whole number, got \"two\"",
                "overrides[0].end: must be after start (2026-01-07T12:00:00Z), got 2026-01-07T10:00:00Z",
                "overrides[1].usr: unknown field (expected one of: end, start, user)",
                "overrides[1].user: is required",
                "overrides[1].start: is required",
                "overrides[1].end: is required",
                "overrides[2].start: must be an instant with an offset, such as 2026-01-07T12:00:00Z, got \"2026-01-07T12:00\"",
                "coverages[0].claimedBy: must be someone other than the requester (a)");
    }

    @Test
    void duplicateLayerNamesAndOverlappingRequestsAreRefused() {
        assertThat(problems("""
                timezone: UTC
                layers:
                  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: [a]}
                  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: [b]}
                coverages:
                  - {id: x, requester: a, start: 2026-01-07T12:00:00Z, end: 2026-01-07T14:00:00Z}
                  - {id: x, requester: a, start: 2026-01-07T13:00:00Z, end: 2026-01-07T15:00:00Z}
                """)).containsExactly(
                "layers[1].name: duplicate layer name \"p\", already used by layers[0]",
                "coverages[1].id: duplicate cover request id \"x\", already used by coverages[0]",
                "coverages[1]: overlaps coverages[0], also requested by a: one person's requests must not overlap");
    }

    @Test
    void limitsAreEnforced() {
        StringBuilder spec = new StringBuilder("timezone: UTC\nlayers:\n");
        for (int i = 0; i <= ScheduleLimits.MAX_LAYERS; i++) {
            spec.append("  - {name: l").append(i).append(", start: 2026-01-05T09:00, rotation: {type: daily}, participants: [a]}\n");
        }
        assertThat(problems(spec.toString())).containsExactly("layers: at most 20 layers per schedule, got 21");
    }

    @Test
    void malformedFilesSayWhere() {
        assertThat(problems("timezone: UTC\nlayers: [\n")).singleElement().asString().startsWith("malformed YAML at line");
        assertThat(problems("{\"timezone\": \"UTC\",}")).singleElement().asString().startsWith("malformed JSON at line 1");
        assertThat(problems("")).containsExactly("the file is empty: a schedule needs at least a timezone");
        assertThat(problems("- a\n- b\n")).containsExactly(
                "a schedule file must be a mapping with timezone, layers, overrides and coverages, got a list");
    }

    @Test
    void unknownFieldsAreNotIgnored() {
        assertThat(problems(layer("userPerShift: 2"))).containsExactly(
                "layers[0].userPerShift: unknown field (expected one of: end, name, participants, restrictions, rotation, start, usersPerShift)");
    }

    @Test
    void numericUserIdsAreText() {
        Schedule s = ScheduleSpec.parse("timezone: UTC\nlayers:\n  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: [1001, 1002]}\n");
        assertThat(s.layers().get(0).participants()).containsExactly(ref("1001"), ref("1002"));
    }

    @Test
    void offsetsInInstantsAreAccepted() {
        Schedule s = ScheduleSpec.parse("timezone: UTC\noverrides:\n  - {user: d, start: '2026-01-07T12:00:00+05:45', end: 2026-01-07T12:00:00Z}\n");
        assertThat(s.overrides().get(0).start()).isEqualTo(Instant.parse("2026-01-07T06:15:00Z"));
        assertThat(s.coverRequests()).isEmpty();
        assertThat(s.layers()).isEmpty();
        assertThat(s.overrides().get(0).end()).isAfter(s.overrides().get(0).start());
        assertThat(Optional.of(s)).isPresent();
    }

    @Test
    void userIdsThatLookLikeOtherYamlSurviveExport() {
        List<String> ids = List.of("true", "no", "null", "~", "123", "0x1F", "1e3", "a: b", "- x", "#tag", "09:00", "alice");
        Schedule s = Schedule.of(ZoneId.of("UTC"), List.of(new Layer("p", LocalDateTime.parse("2026-01-05T09:00"),
                Optional.empty(), Rotation.daily(1), refs(ids), 1, List.of())));
        assertThat(ScheduleSpec.parse(ScheduleSpec.toYaml(s))).isEqualTo(s);
        assertThat(ScheduleSpec.parse(ScheduleSpec.toJson(s))).isEqualTo(s);
    }
}
