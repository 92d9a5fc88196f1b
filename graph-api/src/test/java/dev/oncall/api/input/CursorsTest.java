package dev.oncall.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A page cursor is only ever one the server handed out for that list: anything else (made up,
 * edited, cut short, from another list, in an older format) is a BAD_REQUEST naming {@code after},
 * never silently read as some other position.
 */
class CursorsTest extends ApiTest {
    private static final String MEMBERS = "query($id: ID!, $after: String) { team(id: $id) { members(first: 1, after: $after) {"
            + " edges { cursor node { user { id } } } pageInfo { endCursor } } } }";
    private static final String SHIFTS = "query($id: ID!, $after: String) { schedule(id: $id) {"
            + " shifts(from: \"2026-03-02T00:00:00Z\", to: \"2026-03-09T00:00:00Z\", first: 1, after: $after) {"
            + " edges { cursor node { start } } pageInfo { endCursor } } } }";
    private static final String TEAMS = "query($after: String) { teams(first: 1, after: $after) { edges { cursor } } }";

    private Crew crew;
    private Gql manager;
    private String scheduleId;

    @BeforeEach
    void setUp() {
        crew = crew();
        manager = as(crew.token("MANAGER"));
        scheduleId = manager.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(), "name",
                unique("s"), "timezone", "UTC", "layers", List.of(Map.of("name", "l", "start", "2026-03-02T09:00",
                        "rotation", Map.of("type", "DAILY", "length", 1),
                        "participants", List.of(crew.id("RESPONDER"), crew.id("MANAGER")))))).at("/schedule/id").asString();
    }

    @Test
    void theCursorsTheServerGaveOutPageThroughEveryMemberAndShift() {
        int members = manager.data(MEMBERS.replace("first: 1", "first: 100"), vars(crew.teamId(), null))
                .at("/team/members/edges").size();
        int shifts = manager.data(SHIFTS.replace("first: 1", "first: 100"), vars(scheduleId, null))
                .at("/schedule/shifts/edges").size();
        assertThat(members).isGreaterThanOrEqualTo(4);
        assertThat(shifts).isGreaterThanOrEqualTo(6);
        assertThat(pageThrough(MEMBERS, crew.teamId(), "/team/members")).hasSize(members).doesNotHaveDuplicates();
        assertThat(pageThrough(SHIFTS, scheduleId, "/schedule/shifts")).hasSize(shifts).doesNotHaveDuplicates();
    }

    @Test
    void aCursorTheServerDidNotGiveOutIsABadRequestNamingAfter() {
        String memberCursor = first(MEMBERS, crew.teamId(), "/team/members");
        String shiftCursor = first(SHIFTS, scheduleId, "/schedule/shifts");
        for (String forged : forgeries(memberCursor, shiftCursor)) {
            assertRefused(manager.run(MEMBERS, vars(crew.teamId(), forged)), forged);
        }
        for (String forged : forgeries(shiftCursor, memberCursor)) {
            assertRefused(manager.run(SHIFTS, vars(scheduleId, forged)), forged);
        }
        // A cursor of one list is no position in another, even one with keys of the same shape.
        assertRefused(manager.run(TEAMS, Map.of("after", memberCursor)), memberCursor);
    }

    /** Made-up, edited and cut-short versions of {@code genuine}, the cursor of another list, and generated noise. */
    private static List<String> forgeries(String genuine, String ofAnotherList) {
        List<String> forged = new ArrayList<>(List.of(ofAnotherList, "", "x", "bm9wZQ",
                // what a cursor was before they were checked: "1:" and any key
                b64("1:zzz"), b64("1:" + "0".repeat(9)), b64("1:00000000-0000-0000-0000-000000000000"),
                genuine.substring(0, genuine.length() - 1), genuine + "A", genuine.toUpperCase(),
                b64(new String(Base64.getUrlDecoder().decode(genuine), StandardCharsets.ISO_8859_1) + "0")));
        Random random = new Random(12);
        for (int i = 0; i < 40; i++) {
            char[] edited = genuine.toCharArray();
            // Not the last character: its low bits may be padding the decoder ignores.
            int at = random.nextInt(edited.length - 1);
            char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(64));
            if (edited[at] != replacement) {
                edited[at] = replacement;
                forged.add(new String(edited));
            }
            byte[] noise = new byte[1 + random.nextInt(40)];
            random.nextBytes(noise);
            forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(noise));
        }
        return forged;
    }

    private static void assertRefused(JsonNode answer, String forged) {
        assertThat(answer.at("/errors/0/extensions/classification").asString()).as(forged + " -> " + answer)
                .isEqualTo("BAD_REQUEST");
        assertThat(answer.at("/errors/0/message").asString()).as(forged).startsWith("after is not a cursor this API returned");
    }

    private List<String> pageThrough(String query, String id, String connection) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = manager.data(query, vars(id, after)).at(connection);
            page.get("edges").forEach(e -> seen.add(e.get("cursor").asString()));
            after = page.at("/pageInfo/endCursor").isNull() ? null : page.at("/pageInfo/endCursor").asString();
        } while (after != null && seen.size() < 50);
        return seen;
    }

    private String first(String query, String id, String connection) {
        return manager.data(query, vars(id, null)).at(connection + "/edges/0/cursor").asString();
    }

    private static Map<String, Object> vars(String id, String after) {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("id", id);
        vars.put("after", after);
        return vars;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
