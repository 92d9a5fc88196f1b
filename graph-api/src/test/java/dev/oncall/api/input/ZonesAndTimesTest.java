package dev.oncall.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A schedule's or a person's zone is an IANA time zone name, nothing looser; and whatever a
 * schedule holds, its export imports again.
 */
class ZonesAndTimesTest extends ApiTest {
    private static final List<String> NOT_ZONES = List.of("UTC+5", "GMT+5", "+05:00", "-03:30", "UT+1", "Z",
            "SystemV/EST5", "SystemV/PST8PDT", "utc", "europe/london", "Mars/Olympus_Mons", "Europe/London ");

    private Crew crew;

    @BeforeEach
    void setUp() {
        crew = crew();
    }

    private Gql manager() {
        return as(crew.token("MANAGER"));
    }

    @Test
    void offsetsAndJavaOnlyIdsAreNotZonesOfASchedule() {
        for (String zone : NOT_ZONES) {
            JsonNode payload = manager().attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                    "name", unique("s"), "timezone", zone)).at("/data/createSchedule");
            assertThat(payload.at("/userErrors/0/field").asString()).as(zone).isEqualTo("input.timezone");
            assertThat(payload.at("/schedule").isNull()).as(zone).isTrue();
        }
        JsonNode offset = manager().attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", unique("s"), "timezone", "UTC+5")).at("/data/createSchedule/userErrors/0/message");
        assertThat(offset.asString()).contains("not a time zone").contains("Etc/GMT-5");
    }

    @Test
    void offsetsAndJavaOnlyIdsAreNotZonesOfAPersonNorOfAView() {
        String scheduleId = manager().mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", unique("s"), "timezone", "UTC")).at("/schedule/id").asString();
        for (String zone : NOT_ZONES) {
            JsonNode person = admin().attempt("updateUser", "user { id }", Map.of("id", crew.id("OBSERVER"),
                    "handle", unique("h"), "name", "O", "email", unique("o") + "@example.com", "timezone", zone));
            assertThat(person.at("/data/updateUser/userErrors/0/field").asString()).as(zone).isEqualTo("input.timezone");

            JsonNode view = manager().run("""
                    query($id: ID!, $zone: String) { schedule(id: $id) { timeline(from: "2026-03-02T00:00:00Z",
                      to: "2026-03-03T00:00:00Z", zone: $zone) { zone } } }""", Map.of("id", scheduleId, "zone", zone));
            assertThat(view.at("/errors/0/extensions/classification").asString()).as(zone).isEqualTo("BAD_REQUEST");
            assertThat(view.at("/errors/0/message").asString()).as(zone).startsWith("zone: ");
        }
    }

    @Test
    void everyIanaNameIsAZoneAndLinksTheJdkLacksReadAsTheirTarget() {
        for (String zone : List.of("UTC", "Etc/GMT+5", "America/Argentina/ComodRivadavia", "US/Eastern", "EST5EDT",
                "Asia/Kathmandu", "Pacific/Chatham")) {
            JsonNode created = manager().mutate("createSchedule", "schedule { timezone }", Map.of("teamId", crew.teamId(),
                    "name", unique("s"), "timezone", zone));
            assertThat(created.at("/schedule/timezone").asString()).isEqualTo(zone);
        }
        JsonNode est = manager().mutate("createSchedule", "schedule { timezone }", Map.of("teamId", crew.teamId(),
                "name", unique("s"), "timezone", "EST"));
        assertThat(est.at("/schedule/timezone").asString()).isEqualTo("America/Panama");
        JsonNode person = admin().mutate("updateUser", "user { timezone }", Map.of("id", crew.id("OBSERVER"),
                "handle", unique("h"), "name", "O", "email", unique("o") + "@example.com", "timezone", "HST"));
        assertThat(person.at("/user/timezone").asString()).isEqualTo("Pacific/Honolulu");
    }

    /** Overrides, layers and restrictions at any fraction of a second (a client's millisecond clock) export and import again. */
    @Test
    void whatTheApiAcceptedExportsAndImportsAgain() {
        Random random = new Random(7);
        String scheduleId = manager().mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", unique("s"), "timezone", "Europe/London", "layers", List.of(Map.of("name", "l",
                        "start", "2026-03-02T09:00:00.25", "rotation", Map.of("type", "DAILY", "length", 1),
                        "participants", List.of(crew.id("RESPONDER"), crew.id("MANAGER")),
                        "restrictions", List.of(Map.of("type", "DAILY", "start", "08:00:00.5", "end", "20:00"))))))
                .at("/schedule/id").asString();
        for (int day = 2; day < 9; day++) {
            String start = "2026-03-0%dT%02d:%02d:%02d.%03dZ".formatted(day, random.nextInt(23), random.nextInt(60),
                    random.nextInt(60), random.nextInt(1000));
            String end = "2026-03-0%dT23:30:00.5Z".formatted(day);
            manager().mutate("createOverride", "override { id }", Map.of("scheduleId", scheduleId,
                    "userId", crew.id("RESPONDER"), "start", start, "end", end));
        }

        String exported = manager().data("query($id: ID!) { exportSchedule(id: $id) }", Map.of("id", scheduleId))
                .get("exportSchedule").asString();
        assertThat(exported).contains(":00.500Z").contains("08:00:00.500").contains("09:00:00.250");

        JsonNode copy = manager().mutate("importSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", unique("copy"), "spec", exported));
        Schedule original = ScheduleSpec.parse(exported);
        Schedule copied = ScheduleSpec.parse(manager().data("query($id: ID!) { exportSchedule(id: $id) }",
                Map.of("id", copy.at("/schedule/id").asString())).get("exportSchedule").asString());
        assertThat(copied.zone()).isEqualTo(original.zone());
        assertThat(copied.layers()).isEqualTo(original.layers());
        // Overrides are listed in the order they were created, and the copy's were created together.
        assertThat(copied.overrides()).containsExactlyInAnyOrderElementsOf(original.overrides());
        String version = manager().data("query($id: ID!) { schedule(id: $id) { version } }", Map.of("id", scheduleId))
                .at("/schedule/version").asString();
        manager().mutate("importSchedule", "schedule { id }", Map.of("scheduleId", scheduleId, "version",
                Integer.parseInt(version), "spec", exported));
    }
}
