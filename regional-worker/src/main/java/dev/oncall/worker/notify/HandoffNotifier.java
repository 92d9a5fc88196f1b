package dev.oncall.worker.notify;

import dev.oncall.core.notify.Notice;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.notify.HandoffNotices;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.user.ContactRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people when their on-call shift starts and ends. Each pass evaluates every schedule
 * with the schedule engine over the last {@code lookback} and, at each instant the on-call set
 * changed, messages those who came on and went off. A notice is recorded before it is sent, so
 * several workers (or regions) looking at the same handoff send it once; a missed send is not
 * retried, since a late "your shift started" helps nobody.
 */
public final class HandoffNotifier {
    private static final Logger log = LoggerFactory.getLogger(HandoffNotifier.class);
    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final ContactRepository contacts;
    private final HandoffNotices notices;
    private final ChannelRegistry channels;
    private final ProviderGuard guard;
    private final HandoffProperties properties;
    private final Clock clock;

    public HandoffNotifier(Schedules schedules, ScheduleLoader scheduleLoader, ContactRepository contacts,
                           HandoffNotices notices, ChannelRegistry channels, ProviderGuard guard,
                           HandoffProperties properties, Clock clock) {
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.contacts = contacts;
        this.notices = notices;
        this.channels = channels;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass over every schedule; returns how many notices were sent. */
    public int runOnce() {
        Instant now = clock.instant();
        Instant from = now.minus(properties.lookback());
        int sent = 0;
        for (ScheduleInfo info : schedules.listAll()) {
            Optional<Schedule> schedule = scheduleLoader.load(info.id(), from, now.plusSeconds(1)).map(s -> s.toSchedule());
            if (schedule.isPresent()) {
                sent += handoffs(info, schedule.get(), from, now);
            }
        }
        return sent;
    }

    private int handoffs(ScheduleInfo info, Schedule schedule, Instant from, Instant now) {
        Timeline timeline = ScheduleEngine.render(schedule, from, now.plusSeconds(1));
        TreeSet<Instant> changes = new TreeSet<>();
        for (Segment s : timeline.segments()) {
            changes.add(s.start());
            changes.add(s.end());
        }
        int sent = 0;
        Set<UserRef> before = new LinkedHashSet<>(timeline.usersAt(from));
        for (Instant at : changes.subSet(from, false, now, true)) {
            Set<UserRef> after = new LinkedHashSet<>(timeline.usersAt(at));
            if (properties.onStart()) {
                for (UserRef user : after) {
                    if (!before.contains(user)) {
                        sent += notify(info, user.requireUuid(), true, at, now);
                    }
                }
            }
            if (properties.onEnd()) {
                for (UserRef user : before) {
                    if (!after.contains(user)) {
                        sent += notify(info, user.requireUuid(), false, at, now);
                    }
                }
            }
            before = after;
        }
        return sent;
    }

    private int notify(ScheduleInfo info, UUID user, boolean starts, Instant at, Instant now) {
        if (!notices.claim(info.id(), user, starts, at, now)) {
            return 0;
        }
        Optional<ContactMethod> method = preferred(contacts.methodsOf(user));
        if (method.isEmpty()) {
            log.debug("no contact method for shift notices of user {}", user);
            return 0;
        }
        Channel channel = channels.forType(method.get().type());
        Delivery delivery = new Delivery(UUID.randomUUID(), "handoff:" + info.id() + ":" + user + ":" + at,
                Notice.handoff(user, info.name(), starts), method.get(), java.util.Map.of(), Optional.of(info.teamId()));
        ProviderGuard.Outcome outcome = guard.send(channel, delivery);
        if (!outcome.accepted()) {
            log.info("shift notice for user {} on schedule {} not sent: {}", user, info.id(),
                    outcome.failure().getMessage());
            return 0;
        }
        notices.sentVia(info.id(), user, starts, at, method.get().type());
        return 1;
    }

    /**
     * The person's first pageable (verified, enabled) contact method of a type notices may use, in
     * the configured order: a notice goes only where a page would.
     */
    private Optional<ContactMethod> preferred(List<ContactMethod> methods) {
        for (String type : properties.channels()) {
            for (ContactMethod m : methods) {
                if (m.pageable() && m.type().code().equals(type)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }
}
