package dev.oncall.api.incident;

import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.platform.redis.RedisConnections;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Wake-ups for incidentUpdates: one Redis subscription per graph-api to
 * {@value IncidentEventPublisher#CHANNEL}, whose messages (team ids, published after commit by
 * whoever appended events, in this region) make that team's subscriptions read the events table
 * at once. Only a shortcut: subscriptions also poll, so without Redis they are just slower.
 * Lettuce re-subscribes after a reconnect by itself; a first connection that fails is tried
 * again every {@code redis-retry}.
 */
@Component
class IncidentWakeups implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(IncidentWakeups.class);

    private final RedisConnections redis;
    private final Sinks.Many<UUID> teams = Sinks.many().multicast().directBestEffort();
    private final Disposable connector;
    private volatile StatefulRedisPubSubConnection<String, String> connection;

    IncidentWakeups(RedisConnections redis, IncidentUpdatesProperties properties) {
        this.redis = redis;
        this.connector = redis.configured()
                // Connecting blocks (up to the command timeout): not on the parallel scheduler.
                ? Flux.interval(Duration.ZERO, properties.redisRetry(), Schedulers.boundedElastic()).takeWhile(t -> connection == null)
                        .subscribe(t -> connect())
                : null;
    }

    /** A signal each time events of {@code teamId} were committed somewhere in this region. */
    Flux<UUID> of(UUID teamId) {
        return teams.asFlux().filter(teamId::equals);
    }

    private synchronized void connect() {
        if (connection != null) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> c = null;
        try {
            c = redis.pubSub().orElseThrow();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    try {
                        teams.tryEmitNext(UUID.fromString(message));
                    } catch (IllegalArgumentException e) {
                        log.debug("ignoring a wake-up that names no team: {}", message);
                    }
                }
            });
            c.sync().subscribe(IncidentEventPublisher.CHANNEL);
            connection = c;
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            log.warn("no incident wake-ups from Redis for now, subscriptions poll the database: {}", e.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (connector != null) {
            connector.dispose();
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        teams.tryEmitComplete();
    }
}
