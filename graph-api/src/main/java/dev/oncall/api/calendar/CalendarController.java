package dev.oncall.api.calendar;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.calendar.CalendarFeedRepository.Feed;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** People manage their own calendar feeds; a schedule feed needs read access to the schedule. */
@Controller
class CalendarController {
    private final CalendarFeedRepository feeds;
    private final CalendarFeeds calendars;
    private final Schedules schedules;
    private final Clock clock;

    CalendarController(CalendarFeedRepository feeds, CalendarFeeds calendars, Schedules schedules, Clock clock) {
        this.feeds = feeds;
        this.calendars = calendars;
        this.schedules = schedules;
        this.clock = clock;
    }

    @Configuration
    static class Beans {
        @Bean
        CalendarFeedRepository calendarFeedRepository(Transactions tx) {
            return new CalendarFeedRepository(tx);
        }
    }

    record CreateCalendarFeedInput(UUID scheduleId, List<Integer> reminderMinutes) {}

    record IdInput(UUID id) {}

    record CalendarFeedPayload(Feed calendarFeed, String url, List<UserError> userErrors) {}

    @QueryMapping
    List<Feed> myCalendarFeeds(Caller caller) {
        return feeds.ofUser(Access.person(caller));
    }

    @SchemaMapping(typeName = "CalendarFeed")
    ScheduleInfo schedule(Feed feed, Caller caller) {
        if (feed.scheduleId().isEmpty()) {
            return null;
        }
        ScheduleInfo info = schedules.find(feed.scheduleId().get()).orElse(null);
        if (info != null) {
            Access.read(caller, info.teamId());
        }
        return info;
    }

    @MutationMapping
    CalendarFeedPayload createCalendarFeed(Caller caller, @Argument CreateCalendarFeedInput input) {
        return Mutations.attempt(() -> {
            UUID owner = Access.person(caller);
            if (input.scheduleId() != null) {
                Access.named(caller, schedules.find(input.scheduleId()), ScheduleInfo::teamId, "scheduleId", "schedule");
            }
            CalendarFeedRepository.Issued issued = feeds.create(owner, Optional.ofNullable(input.scheduleId()),
                    input.reminderMinutes(), clock.instant());
            return new CalendarFeedPayload(issued.feed(), calendars.url(issued.token()), List.of());
        }, errors -> new CalendarFeedPayload(null, null, errors));
    }

    @MutationMapping
    CalendarFeedPayload rotateCalendarFeed(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            own(caller, input.id());
            CalendarFeedRepository.Issued issued = feeds.rotate(input.id(), clock.instant());
            return new CalendarFeedPayload(issued.feed(), calendars.url(issued.token()), List.of());
        }, errors -> new CalendarFeedPayload(null, null, errors));
    }

    @MutationMapping
    DeletePayload deleteCalendarFeed(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            own(caller, input.id());
            feeds.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    private void own(Caller caller, UUID feedId) {
        Access.own(caller, feeds.find(feedId), Feed::userId, "id", "calendar feed");
    }

}
