package dev.oncall.worker.escalation;

import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.platform.redis.RedisConnections;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for "a timer of this region is due now" from graph-api, so a new incident's first page
 * does not wait for the next poll. Only a shortcut: without Redis the poll finds it anyway.
 */
public final class TimerWakeups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TimerWakeups.class);

    private final RedisConnections redis;
    private final String region;
    private final EscalationEngine engine;
    private Optional<StatefulRedisPubSubConnection<String, String>> connection = Optional.empty();

    public TimerWakeups(RedisConnections redis, String region, EscalationEngine engine) {
        this.redis = redis;
        this.region = region;
        this.engine = engine;
    }

    public synchronized void start() {
        try {
            connection = redis.pubSub();
            connection.ifPresent(c -> {
                c.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        if (region.equals(message)) {
                            engine.wake();
                        }
                    }
                });
                // Lettuce re-subscribes by itself after a reconnect.
                c.async().subscribe(IncidentEventPublisher.TIMERS_DUE);
            });
        } catch (RuntimeException e) {
            log.warn("no timer wake-ups from Redis, new incidents wait for the next poll: {}", e.toString());
            connection = Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        connection.ifPresent(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.debug("closing the wake-up subscription: {}", e.toString());
            }
        });
        connection = Optional.empty();
    }
}
