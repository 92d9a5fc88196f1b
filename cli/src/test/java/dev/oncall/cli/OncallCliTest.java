package dev.oncall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.golden.GoldenScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Drives {@code oncall} in-process through picocli and reads what a person would see. */
class OncallCliTest {
    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OncallCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static List<GoldenScenario> scenarios() {
        return GoldenScenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void rendersEveryGoldenScenarioAsReviewed(GoldenScenario scenario) throws IOException {
        Path spec = write(scenario.specFile(), scenario.spec());
        Result result = run("render", spec.toString(), "--from", scenario.from().toString(), "--to", scenario.to().toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(scenario.expected());
    }

    @Test
    void whoNamesTheUsersOnCallOnePerLine() throws IOException {
        Path spec = write("pairs.yaml", GoldenScenario.resource("multi-user-shifts.yaml"));
        Result result = run("who", spec.toString(), "--at", "2026-02-04T12:00:00Z");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("e", "a");
        assertThat(run("who", spec.toString(), "--at", "2026-02-04T12:00:00Z", "--format", "json").out())
                .isEqualTo("{\"at\": \"2026-02-04T12:00:00Z\", \"users\": [\"e\", \"a\"]}" + System.lineSeparator());
    }

    @Test
    void whoPrintsNothingWhenNobodyIsOnCall() throws IOException {
        Path spec = write("k.yaml", GoldenScenario.resource("kathmandu-working-hours.yaml"));
        Result result = run("who", spec.toString(), "--at", "2026-06-01T01:00:00+00:00");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theTableShowsLocalTimesInTheAskedZoneWithOffsets() throws IOException {
        Path spec = write("fall.yaml", GoldenScenario.resource("ny-fall-back-daily.yaml"));
        Result result = run("render", spec.toString(), "--from", "2026-10-31T05:30:00Z", "--to", "2026-11-02T06:30:00Z",
                "--format", "table");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "Schedule zone America/New_York; times shown in America/New_York; range 2026-10-31 01:30 -04:00 to 2026-11-02 01:30 -05:00",
                "FROM                     TO                       LENGTH  ON CALL",
                "2026-10-31 01:30 -04:00  2026-11-01 01:30 -04:00  1d      bob",
                "2026-11-01 01:30 -04:00  2026-11-02 01:30 -05:00  1d 1h   carol");
        Result kathmandu = run("render", spec.toString(), "--from", "2026-10-31T05:30:00Z", "--to", "2026-10-31T06:00:00Z",
                "--format", "table", "--zone", "Asia/Kathmandu");
        assertThat(kathmandu.out().lines()).contains("2026-10-31 11:15 +05:45  2026-10-31 11:45 +05:45  30m     bob");
    }

    @Test
    void theTableShowsGapsInPlace() throws IOException {
        Path spec = write("k.yaml", GoldenScenario.resource("kathmandu-working-hours.yaml"));
        Result result = run("render", spec.toString(), "--from", "2026-06-01T00:00:00Z", "--to", "2026-06-01T12:00:00Z",
                "--format", "table", "--zone", "UTC");
        assertThat(result.out().lines()).containsSubsequence(
                "2026-06-01 00:00 +00:00  2026-06-01 03:15 +00:00  3h 15m  (nobody)",
                "2026-06-01 03:15 +00:00  2026-06-01 11:15 +00:00  8h      asha",
                "2026-06-01 11:15 +00:00  2026-06-01 12:00 +00:00  45m     (nobody)");
    }

    @Test
    void anInvalidScheduleExitsWithTwoAndOneLineNamingEveryProblem() throws IOException {
        Path spec = write("bad.yaml", "timezone: Mars/Base\nlayers:\n  - {name: p, start: 2026-01-05T09:00, rotation: {type: daily}, participants: []}\n");
        Result result = run("render", spec.toString(), "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("oncall: " + spec + " is not a valid schedule: timezone: unknown time zone \"Mars/Base\":"
                + " use an IANA time zone name such as Europe/London, America/New_York or UTC; layers[0].participants: a layer needs at least one participant"
                + System.lineSeparator());
    }

    @Test
    void aMissingFileExitsWithTwo() {
        Result result = run("who", dir.resolve("nope.yaml").toString(), "--at", "2026-01-01T00:00:00Z");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("oncall: cannot read " + dir.resolve("nope.yaml") + ": no such file" + System.lineSeparator());
    }

    @Test
    void badOptionsExitWithTwoAndOneLine() throws IOException {
        Path spec = write("ok.yaml", GoldenScenario.resource("follow-the-sun.yaml"));
        assertOneLineError(run("render", spec.toString(), "--from", "yesterday", "--to", "2026-01-02T00:00:00Z"),
                "\"yesterday\" is not an instant");
        assertOneLineError(run("render", spec.toString(), "--from", "2026-01-01T00:00:00Z"), "Missing required option: '--to=INSTANT'");
        assertOneLineError(run("render", spec.toString(), "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z",
                "--format", "xml"), "--format");
        assertOneLineError(run("render", spec.toString(), "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z",
                "--zone", "Mars/Base"), "unknown time zone \"Mars/Base\"");
        assertOneLineError(run("render", spec.toString(), "--from", "2026-01-02T00:00:00Z", "--to", "2026-01-01T00:00:00Z"),
                "--to (2026-01-01T00:00:00Z) must be after --from (2026-01-02T00:00:00Z)");
        assertOneLineError(run("who", spec.toString(), "--at", "3999-01-01T00:00:00Z"), "at must be between");
        assertOneLineError(run("who", spec.toString(), "--at", "2026-01-01T00:00:00.5Z"), "must be a whole second");
        assertOneLineError(run("frobnicate"), "Unmatched argument");
    }

    @Test
    void checkReportsAValidFile() throws IOException {
        Path spec = write("ok.json", "{\"timezone\": \"UTC\", \"layers\": []}");
        Result result = run("check", spec.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("ok: " + spec + ": 0 layer(s), 0 override(s), 0 cover request(s), timezone UTC");
    }

    @Test
    void aJsonFileWithYamlInsideIsRefusedAsJson() throws IOException {
        Path spec = write("bad.json", "timezone: UTC\n");
        Result result = run("check", spec.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("oncall: " + spec + " is not a valid schedule: malformed JSON at line 1");
    }

    private static void assertOneLineError(Result result, String fragment) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(fragment).startsWith("oncall: ");
        assertThat(result.err().lines()).hasSize(1);
    }
}
