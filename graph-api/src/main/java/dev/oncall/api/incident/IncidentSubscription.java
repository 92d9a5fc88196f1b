package dev.oncall.api.incident;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.live.LiveAccess;
import dev.oncall.store.incident.IncidentReads;
import graphql.GraphQLContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * incidentUpdates over WebSocket (graphql-transport-ws) and SSE. The events table is the source
 * of truth: each subscription reads it from its own position when Redis says the team has news
 * and every {@code poll} regardless, so it delivers with Redis down too. Access is checked when
 * subscribing and then again while it runs ({@link LiveAccess}).
 */
@Controller
class IncidentSubscription {
    private static final Logger log = LoggerFactory.getLogger(IncidentSubscription.class);

    private final IncidentReads reads;
    private final IncidentWakeups wakeups;
    private final Clock clock;
    private final IncidentUpdatesProperties properties;
    private final LiveAccess live;

    IncidentSubscription(IncidentReads reads, IncidentWakeups wakeups, Clock clock,
                         IncidentUpdatesProperties properties, LiveAccess live) {
        this.live = live;
        this.reads = reads;
        this.wakeups = wakeups;
        this.clock = clock;
        this.properties = properties;
    }

    @SubscriptionMapping
    Flux<IncidentUpdate> incidentUpdates(Caller caller, GraphQLContext context, @Argument UUID teamId,
                                         @Argument String after) {
        Access.read(caller, teamId);
        Optional<StreamCursor> cursor = Optional.ofNullable(after).map(a -> StreamCursor.decode("after", a));
        return live.whileAllowed(context, teamId, Mono.fromCallable(() -> cursor.map(c -> IncidentStream.resume(reads, teamId, clock, c))
                        .orElseGet(() -> IncidentStream.fromNow(reads, teamId, clock)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(stream -> Flux.merge(Flux.interval(properties.poll()), wakeups.of(teamId).map(team -> 0L))
                        .startWith(0L)
                        // A wake-up arriving while a read runs is kept (the latest one), so nothing waits for the next poll.
                        .onBackpressureLatest()
                        .concatMap(tick -> read(teamId, stream), 1)));
    }

    /** Reads until caught up; a failed read is logged and retried at the next tick (the position is kept). */
    private Flux<IncidentUpdate> read(UUID teamId, IncidentStream stream) {
        return Mono.fromCallable(stream::poll)
                .repeat(stream::behind)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn("incident updates of team {} not read this time: {}", teamId, e.toString());
                    return Mono.just(List.of());
                })
                .concatMapIterable(updates -> updates);
    }
}
