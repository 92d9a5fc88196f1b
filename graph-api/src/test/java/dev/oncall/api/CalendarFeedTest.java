package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.schedule.ScheduleLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;

/** Calendar feeds, read back with an independent iCalendar parser (biweekly; the feed is written by ical4j). */
class CalendarFeedTest extends ApiTest {
    @Autowired
    ScheduleLoader scheduleLoader;

    private Crew crew;
    private String scheduleId;

    @BeforeEach
    void setUp() {
        clock.set(START);
        crew = crew();
        scheduleId = as(crew.token("MANAGER")).mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "primary", "timezone", "Europe/London", "layers", List.of(EndToEndTest.layer("base",
                        "2026-03-02T09:00", "DAILY", List.of(crew.id("RESPONDER"), crew.id("OBSERVER")), List.of()))))
                .at("/schedule/id").asString();
    }

    @Test
    void aPersonalFeedListsExactlyTheOwnersShiftsWithReminders() {
        String url = as(crew.token("RESPONDER")).mutate("createCalendarFeed", "url calendarFeed { reminderMinutes }",
                Map.of("reminderMinutes", List.of(15))).get("url").asString();
        assertThat(url).startsWith("http://calendar.example/calendar/cal_").endsWith(".ics");

        var response = get(url.substring("http://calendar.example".length()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        ICalendar calendar = Biweekly.parse(response.body()).first();
        Set<Instant> starts = calendar.getEvents().stream().map(e -> e.getDateStart().getValue().toInstant())
                .collect(Collectors.toSet());
        assertThat(starts).isEqualTo(expectedStarts(crew.id("RESPONDER")));
        VEvent first = calendar.getEvents().get(0);
        assertThat(first.getAlarms()).hasSize(1);
        assertThat(first.getAlarms().get(0).getTrigger().getDuration().toString()).isEqualTo("-PT15M");
        assertThat(first.getSummary().getValue()).contains("primary");
    }

    @Test
    void aScheduleFeedListsEveryonesShiftsAndRotatingEndsTheOldUrl() {
        var created = as(crew.token("OBSERVER")).mutate("createCalendarFeed", "url calendarFeed { id schedule { id } }",
                Map.of("scheduleId", scheduleId));
        String oldPath = path(created.get("url").asString());
        ICalendar calendar = Biweekly.parse(get(oldPath).body()).first();
        assertThat(calendar.getEvents()).hasSize(expectedStarts(crew.id("RESPONDER")).size()
                + expectedStarts(crew.id("OBSERVER")).size());

        String newPath = path(as(crew.token("OBSERVER")).mutate("rotateCalendarFeed", "url",
                Map.of("id", created.at("/calendarFeed/id").asString())).get("url").asString());

        assertThat(get(oldPath).statusCode()).isEqualTo(404);
        assertThat(get(newPath).statusCode()).isEqualTo(200);
    }

    @Test
    void aFeedStopsWhenItsOwnerLeavesTheTeamAndUnknownTokensLearnNothing() {
        String path = path(as(crew.token("OBSERVER")).mutate("createCalendarFeed", "url", Map.of("scheduleId", scheduleId))
                .get("url").asString());
        as(crew.token("ADMIN")).mutate("removeMember", "deletedId", Map.of("teamId", crew.teamId(),
                "userId", crew.id("OBSERVER")));

        assertThat(get(path).statusCode()).isEqualTo(404);
        assertThat(get("/calendar/cal_" + UUID.randomUUID() + ".ics").statusCode()).isEqualTo(404);
    }

    @Test
    void aFeedIsServedAsAnIcsFileNamedForItsSchedule() {
        String munich = as(crew.token("MANAGER")).mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "Bereitschaft München/Ost", "timezone", "Europe/Berlin", "layers", List.of(EndToEndTest.layer("base",
                        "2026-03-02T09:00", "DAILY", List.of(crew.id("RESPONDER")), List.of()))))
                .at("/schedule/id").asString();
        String scheduleFeed = path(as(crew.token("OBSERVER")).mutate("createCalendarFeed", "url",
                Map.of("scheduleId", scheduleId)).get("url").asString());
        String nonAsciiFeed = path(as(crew.token("OBSERVER")).mutate("createCalendarFeed", "url",
                Map.of("scheduleId", munich)).get("url").asString());
        String personalFeed = path(as(crew.token("OBSERVER")).mutate("createCalendarFeed", "url", Map.of())
                .get("url").asString());

        assertThat(disposition(scheduleFeed)).isEqualTo("attachment; filename=\"primary.ics\"; filename*=UTF-8''primary.ics");
        // RFC 6266: an ASCII fallback for old clients, the exact name in RFC 5987's filename*.
        assertThat(disposition(nonAsciiFeed)).isEqualTo("attachment; filename=\"Bereitschaft Muenchen_Ost.ics\"; "
                + "filename*=UTF-8''Bereitschaft%20M%C3%BCnchen_Ost.ics");
        assertThat(ContentDisposition.parse(disposition(nonAsciiFeed)).getFilename())
                .isEqualTo("Bereitschaft München_Ost.ics");
        assertThat(ContentDisposition.parse(disposition(personalFeed)).getFilename()).isEqualTo("My on-call shifts.ics");
        assertThat(get(personalFeed).headers().firstValue("Content-Type")).hasValue("text/calendar;charset=UTF-8");
    }

    private String disposition(String path) {
        var response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("Content-Disposition").orElseThrow();
    }

    @Test
    void onlyItsOwnerChangesAFeed() {
        String id = as(crew.token("OBSERVER")).mutate("createCalendarFeed", "calendarFeed { id }", Map.of())
                .at("/calendarFeed/id").asString();

        var response = as(crew.token("ADMIN")).attempt("deleteCalendarFeed", "deletedId", Map.of("id", id));

        // Nobody else ever sees a feed, so theirs is answered as a feed that does not exist.
        assertThat(response).isEqualTo(as(crew.token("ADMIN")).attempt("deleteCalendarFeed", "deletedId",
                Map.of("id", UUID.randomUUID().toString())));
        assertThat(response.at("/data/deleteCalendarFeed/userErrors/0/message").asString()).isEqualTo("no such calendar feed");
    }

    private Set<Instant> expectedStarts(String userId) {
        Instant from = START.minus(Duration.ofDays(30));
        Instant to = START.plus(Duration.ofDays(180));
        List<Shift> shifts = ShiftMaterializer.materialize(scheduleLoader.load(UUID.fromString(scheduleId), from, to)
                .orElseThrow().toSchedule(), from, to);
        return shifts.stream().filter(s -> s.user().equals(UserRef.of(userId))).map(Shift::start).collect(Collectors.toSet());
    }

    private static String path(String url) {
        return url.substring("http://calendar.example".length());
    }
}
