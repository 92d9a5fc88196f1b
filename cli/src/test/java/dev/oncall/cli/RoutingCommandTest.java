package dev.oncall.cli;

import static dev.oncall.cli.OncallCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.cli.OncallCliTest.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncall routing check} and {@code oncall routing test}, as a person writing rules runs them. */
class RoutingCommandTest {
    @TempDir
    Path dir;

    private static String example(String name) {
        try {
            return Path.of(RoutingCommandTest.class.getResource("/routing/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checkCountsTheRulesAndSaysWhatTheCatchAllDoes() {
        Result result = run("routing", "check", example("rules.yaml"));
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("ok: " + example("rules.yaml") + ": 3 rule(s), catch-all urgency low"
                + System.lineSeparator());
    }

    @Test
    void checkNamesEveryProblemAtItsPathAndExitsWithTwo() {
        Result result = run("routing", "check", example("bad-rules.yaml"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("oncall: " + example("bad-rules.yaml") + " is not valid routing rules: ")
                .contains("rules[0].conditions[0].field: must start with one of summary",
                        "rules[0].conditions[1].operator: must be equals, contains, matches, exists or in, got \"like\"",
                        "rules[0].actions.routeTo", "rules[0].actions.urgency", "rules[1].name: another rule is already named",
                        "rules[1].actions.drop");
    }

    @Test
    void anEventsApiEventMeetsTheRuleOnItsCustomDetailsAndIsSuppressed() {
        Result result = run("routing", "test", example("rules.yaml"), example("events-v2.json"));
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "alert:    \"Disk 91% full on db-1\", source \"db-1.prod\", severity \"warning\"",
                "rule:     rules[1] \"noisy disk warnings\"",
                "actions:  suppress",
                "outcome:  suppress: recorded without paging",
                "service:  the service that received it");
    }

    @Test
    void anAlertmanagerAlertPageIsCriticalAndRoutedWithUrgencyAndPriority() {
        Result result = run("routing", "test", example("rules.yaml"), example("alertmanager-alert.json"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "alert:    \"PostgreSQL is down on db-1\", source \"db-1:9187\", severity \"critical\"",
                "rule:     rules[0] \"database pages\"",
                "actions:  routeTo 7c1e4a52-3f0b-4c1a-9d4e-2b8f6a0c9e11, urgency high, priority P1",
                "outcome:  page (unless the service is in maintenance)",
                "service:  routed to 7c1e4a52-3f0b-4c1a-9d4e-2b8f6a0c9e11",
                "urgency:  high",
                "priority: P1");
    }

    @Test
    void everyAlertOfAWebhookIsTestedAndTheCatchAllDecidesWhatNoRuleMeets() {
        Result result = run("routing", "test", example("rules.yaml"), example("alertmanager-webhook.json"),
                "--format", "json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"rule\" : \"database pages\"", "\"ruleIndex\" : 0")
                .contains("\"summary\" : \"QueueBacklog\"", "\"source\" : \"http://alertmanager.staging:9093\"")
                // The second alert has no instance or job: its source is the webhook's, which the drop rule meets.
                .contains("\"rule\" : \"test traffic\"", "\"outcome\" : \"drop\"");
        assertThat(result.out()).startsWith("[");
    }

    @Test
    void anEventNoRuleMeetsGetsTheCatchAllAndJsonSaysSo() throws IOException {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"payload": {"summary": "CPU high", "source": "web-3", "severity": "info"}}""", StandardCharsets.UTF_8);
        Result result = run("routing", "test", example("rules.yaml"), event.toString(), "--format", "json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("{").contains("\"rule\" : null", "\"ruleIndex\" : null",
                "\"outcome\" : \"page\"", "\"urgency\" : \"low\"", "\"priority\" : null", "\"routeTo\" : null");
        assertThat(run("routing", "test", example("rules.yaml"), event.toString()).out())
                .contains("rule:     none matched: the catch-all applies");
    }

    @Test
    void aBadEventIsRefusedInOneLine() throws IOException {
        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "summary: yaml", StandardCharsets.UTF_8);
        Result malformed = run("routing", "test", example("rules.yaml"), notJson.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("oncall: " + notJson + " is not an example event: malformed JSON");
        Path noPayload = dir.resolve("empty.json");
        Files.writeString(noPayload, "{\"event_action\": \"trigger\"}", StandardCharsets.UTF_8);
        Result missing = run("routing", "test", example("rules.yaml"), noPayload.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("payload is required");
        Result noRules = run("routing", "test", dir.resolve("nope.yaml").toString(), noPayload.toString());
        assertThat(noRules.err()).isEqualTo("oncall: cannot read " + dir.resolve("nope.yaml") + ": no such file"
                + System.lineSeparator());
    }
}
