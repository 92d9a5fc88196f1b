package dev.oncall.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** parseTimeRange over HTTP: the clock's now, the caller's zone, and refusals naming the argument. */
class ParseTimeRangeApiTest extends ApiTest {
    private static final String QUERY = "query($t: String!, $z: String!) { parseTimeRange(text: $t, zone: $z) "
            + "{ start end startLocal endLocal zone } }";

    @Test
    void readsAPhraseInTheGivenZoneRelativeToTheServersClock() {
        Crew crew = crew();
        for (String token : new String[] {crew.token("OBSERVER"), teamToken(crew, "RESPONDER")}) {
            for (String zone : new String[] {"America/New_York", "Asia/Tokyo"}) {
                ZoneId z = ZoneId.of(zone);
                LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), z).plusDays(1);
                JsonNode r = as(token).data(QUERY, Map.of("t", "tomorrow 9am to 5pm", "z", zone)).get("parseTimeRange");
                assertThat(r.get("startLocal").asString()).isEqualTo(tomorrow.atTime(9, 0).toString());
                assertThat(r.get("endLocal").asString()).isEqualTo(tomorrow.atTime(17, 0).toString());
                assertThat(r.get("start").asString()).isEqualTo(tomorrow.atTime(9, 0).atZone(z).toInstant().toString());
                assertThat(r.get("end").asString()).isEqualTo(tomorrow.atTime(17, 0).atZone(z).toInstant().toString());
                assertThat(r.get("zone").asString()).isEqualTo(zone);
            }
        }
    }

    @Test
    void whatIsNotUnderstoodIsABadRequestOnTheArgument() {
        Gql caller = as(crew().token("RESPONDER"));
        Map<String, String> cases = Map.of(
                "gibberish blah", "text",
                "", "text",
                "tomorrow 9am", "text",
                "x".repeat(10_240), "text",
                "tomorrow 9am\u0000 to 5pm", "text");
        cases.forEach((text, field) -> {
            JsonNode body = caller.run(QUERY, Map.of("t", text, "z", "Europe/Berlin"));
            assertThat(body.at("/errors/0/extensions/classification").asString()).as(body.toString()).isEqualTo("BAD_REQUEST");
            assertThat(body.at("/errors/0/extensions/field").asString()).as(body.toString()).isEqualTo(field);
            assertThat(body.at("/data/parseTimeRange").isMissingNode() || body.at("/data").isNull()
                    || body.at("/data/parseTimeRange").isNull()).isTrue();
        });
        JsonNode badZone = caller.run(QUERY, Map.of("t", "tomorrow 9am to 5pm", "z", "Mars/Olympus"));
        assertThat(badZone.at("/errors/0/extensions/field").asString()).as(badZone.toString()).isEqualTo("zone");
    }

    @Test
    void needsAToken() {
        HttpResponse<String> anonymous = post(QUERY, Map.of("t", "tomorrow 9am to 5pm", "z", "UTC"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
