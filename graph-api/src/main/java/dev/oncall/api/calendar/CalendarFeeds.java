package dev.oncall.api.calendar;

import dev.oncall.api.calendar.CalendarFeedRepository.Feed;
import dev.oncall.api.graphql.ApiProperties;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.shift.ShiftSource;
import dev.oncall.core.team.Member;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.notify.AckProperties;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a feed shows, from the schedule engine's shifts over [now - past, now + future). A feed
 * acts with its owner's current access: a schedule feed needs them still in the schedule's
 * team; a personal feed covers the schedules of the teams they are in now.
 */
@Component
class CalendarFeeds {
    private final CalendarFeedRepository feeds;
    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final TeamRepository teams;
    private final UserRepository users;
    private final Clock clock;
    private final ApiProperties properties;
    private final AckProperties site;

    CalendarFeeds(CalendarFeedRepository feeds, Schedules schedules, ScheduleLoader scheduleLoader, TeamRepository teams,
                  UserRepository users, Clock clock, ApiProperties properties, AckProperties site) {
        this.feeds = feeds;
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.teams = teams;
        this.users = users;
        this.clock = clock;
        this.properties = properties;
        this.site = site;
    }

    /**
     * The calendar behind a feed token, named for its schedule (a personal feed: "My on-call
     * shifts"); empty when the token is unknown or its owner lost access.
     */
    Optional<CalendarFile> render(String token) {
        Optional<Feed> feed = feeds.findByToken(token);
        if (feed.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant from = now.minus(properties.calendarPast());
        Instant to = now.plus(properties.calendarFuture());
        UUID owner = feed.get().userId();
        Set<UUID> ownerTeams = new LinkedHashSet<>(teams.membershipsOf(owner).stream().map(Member::teamId).toList());
        List<StoredSchedule> shown = new ArrayList<>();
        String name;
        String title;
        if (feed.get().scheduleId().isPresent()) {
            Optional<ScheduleInfo> info = schedules.find(feed.get().scheduleId().get())
                    .filter(s -> ownerTeams.contains(s.teamId()));
            if (info.isEmpty()) {
                return Optional.empty();
            }
            scheduleLoader.load(info.get().id(), from, to).ifPresent(shown::add);
            name = "On call: " + info.get().name();
            title = info.get().name();
        } else {
            for (UUID team : ownerTeams) {
                for (ScheduleInfo info : schedules.listByTeam(team)) {
                    scheduleLoader.load(info.id(), from, to).ifPresent(shown::add);
                }
            }
            name = "My on-call shifts";
            title = name;
        }
        List<Shift> all = new ArrayList<>();
        Map<Shift, StoredSchedule> of = new HashMap<>();
        for (StoredSchedule s : shown) {
            for (Shift shift : ShiftMaterializer.materialize(s.toSchedule(), from, to)) {
                boolean mine = shift.user().equals(UserRef.of(owner));
                if (feed.get().scheduleId().isPresent() || mine) {
                    all.add(shift);
                    of.put(shift, s);
                }
            }
        }
        Map<UserRef, String> names = new HashMap<>();
        users.findAll(all.stream().map(s -> s.user().requireUuid()).distinct().toList())
                .forEach(u -> names.put(UserRef.of(u.id()), u.name()));
        List<ShiftCalendar.Entry> entries = new ArrayList<>();
        for (Shift shift : all) {
            String schedule = of.get(shift).info().name();
            String who = names.getOrDefault(shift.user(), shift.user().value());
            String summary = feed.get().scheduleId().isPresent() ? who + " on call (" + schedule + ")" : "On call: " + schedule;
            entries.add(new ShiftCalendar.Entry(of.get(shift).info().id().toString(), shift.user().value(), shift.start(),
                    shift.end(), summary, describe(shift, who, schedule)));
        }
        return Optional.of(CalendarFile.titled(title, ShiftCalendar.write(name, entries, feed.get().reminderMinutes(), now)));
    }

    private static String describe(Shift shift, String who, String schedule) {
        String why = shift.source() == ShiftSource.OVERRIDE ? "an override"
                : shift.source() == ShiftSource.COVERAGE ? "a claimed cover request" : "layer " + shift.layer().orElse("");
        return who + " is on call for " + schedule + " through " + why + ".";
    }

    /** The URL a calendar application subscribes to: absolute, at the address people reach graph-api at. */
    String url(String token) {
        return site.url("/calendar/" + token + ".ics");
    }

}
