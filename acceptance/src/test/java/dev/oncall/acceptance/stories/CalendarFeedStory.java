package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A responder subscribes their calendar application to the team schedule's feed: the feed is a
 * valid iCalendar document, and the shift happening now is there, naming the person on call.
 */
@ExtendWith(InstallationExtension.class)
class CalendarFeedStory {

    @Test
    void theScheduleFeedShowsTheShiftHappeningNow(Installation system) {
        Crew crew = Crew.of(system, "Networking", List.of("quinn", "rosa"), "sam", List.of());
        Person onCall = crew.onCallNow().getFirst();
        String url = crew.admin.mutate("createCalendarFeed", "url", Map.of("scheduleId", crew.scheduleId))
                .get("url").asString();
        assertThat(url).startsWith(system.url("/"));

        VEvent now = Poll.value("the current shift in the feed", () -> {
            HttpResponse<String> feed = Http.get(url);
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
            ICalendar calendar = Biweekly.parse(feed.body()).first();
            assertThat(calendar).as("a valid iCalendar document").isNotNull();
            Instant t = Instant.now();
            return calendar.getEvents().stream()
                    .filter(e -> !e.getDateStart().getValue().toInstant().isAfter(t)
                            && e.getDateEnd().getValue().toInstant().isAfter(t))
                    .findFirst().map(Optional::of).orElse(Optional.empty());
        });
        assertThat(now.getSummary().getValue()).contains(onCall.handle());
    }
}
