package dev.oncall.platform.redis;

import dev.oncall.platform.PlatformProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Optional;

/**
 * The region's Redis. It only ever holds optimisations (leases, cached on-call answers,
 * wake-up pub/sub); every caller must behave correctly, if slower, when it is absent or down.
 * One shared connection: Lettuce multiplexes commands from many threads over it.
 */
public final class RedisConnections implements AutoCloseable {
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisConnections(PlatformProperties.Redis settings) {
        if (!settings.configured()) {
            this.client = null;
            return;
        }
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected instead of queueing: the callers have a database fallback.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
    }

    public boolean configured() {
        return client != null;
    }

    /** The shared connection, opened on first use; empty when no Redis is configured. */
    public Optional<StatefulRedisConnection<String, String>> connection() {
        if (client == null) {
            return Optional.empty();
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return Optional.of(c);
    }

    /** A new pub/sub connection (subscriptions need their own). */
    public Optional<StatefulRedisPubSubConnection<String, String>> pubSub() {
        return client == null ? Optional.empty() : Optional.of(client.connectPubSub());
    }

    @Override
    public void close() {
        if (client != null) {
            if (connection != null) {
                connection.close();
            }
            client.shutdown();
        }
    }
}
