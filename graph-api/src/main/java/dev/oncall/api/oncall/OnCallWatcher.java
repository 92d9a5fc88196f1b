package dev.oncall.api.oncall;

import dev.oncall.api.graphql.ApiProperties;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.ScheduleLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Watches schedules for changes of who is on call. One watch per schedule, shared by all its
 * subscribers. Each poll reads the clock and the schedule's version (one cheap row): only an
 * edit (a new version) or the clock passing the next change the engine predicted costs an
 * evaluation. Time is the injected clock's, so a test moves it and sees the handoff at once.
 */
@Component
class OnCallWatcher {
    private static final Logger log = LoggerFactory.getLogger(OnCallWatcher.class);
    /** How far ahead the next change is looked for (the engine looks further when layers are irregular). */
    private static final Duration HORIZON = Duration.ofDays(400);

    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final OnCallLookup lookup;
    private final Clock clock;
    private final Duration poll;
    private final ConcurrentMap<UUID, Flux<OnCallChange>> watches = new ConcurrentHashMap<>();

    OnCallWatcher(Schedules schedules, ScheduleLoader scheduleLoader, OnCallLookup lookup, Clock clock,
                  ApiProperties properties) {
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.lookup = lookup;
        this.clock = clock;
        this.poll = properties.subscriptionPoll();
    }

    /** The current on-call set at once, then every change; completes when the schedule is deleted. */
    Flux<OnCallChange> watch(UUID scheduleId) {
        // Each connection of the shared watch starts from a fresh state, so its first poll reports the current set.
        return watches.computeIfAbsent(scheduleId, id -> Flux.defer(() -> {
            State state = new State();
            return Flux.interval(Duration.ZERO, poll)
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(() -> state.poll(id))
                            .subscribeOn(Schedulers.boundedElastic())
                            .onErrorResume(e -> {
                                log.warn("on-call watch of schedule {} failed this poll: {}", id, e.toString());
                                return Mono.just(Optional.of(Poll.NOTHING));
                            }))
                    .takeWhile(Optional::isPresent)
                    .map(Optional::get)
                    .filter(p -> p.change() != null)
                    .map(Poll::change);
        }).doFinally(signal -> watches.remove(scheduleId)).replay(1).refCount());
    }

    private record Poll(OnCallChange change) {
        static final Poll NOTHING = new Poll(null);
    }

    /** What one watch knows between polls; touched by one poll at a time (concatMap). */
    private final class State {
        private long version = -1;
        private List<UUID> users;
        private Instant nextChange;

        /** Empty when the schedule is gone; a Poll with a change when the on-call set changed. */
        Optional<Poll> poll(UUID id) {
            Optional<ScheduleInfo> info = schedules.find(id);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            boolean edited = info.get().version() != version;
            boolean due = nextChange != null && !now.isBefore(nextChange);
            if (!edited && !due) {
                return Optional.of(Poll.NOTHING);
            }
            Instant passed = nextChange;
            version = info.get().version();
            List<UUID> current = lookup.onCallAt(id, now);
            nextChange = next(id, now);
            if (current.equals(users)) {
                return Optional.of(Poll.NOTHING);
            }
            users = current;
            // A handoff the clock just passed is reported at its own instant when it is the one in force.
            Instant at = !edited && passed != null && lookup.onCallAt(id, passed).equals(current) ? passed : now;
            return Optional.of(new Poll(new OnCallChange(id, at, current)));
        }

        private Instant next(UUID id, Instant now) {
            Instant to = now.plus(HORIZON).isAfter(ScheduleLimits.LATEST) ? ScheduleLimits.LATEST : now.plus(HORIZON);
            Optional<Schedule> schedule = scheduleLoader.load(id, now, to).map(s -> s.toSchedule());
            return schedule.flatMap(s -> ScheduleEngine.nextChange(s, now)).orElse(null);
        }
    }
}
