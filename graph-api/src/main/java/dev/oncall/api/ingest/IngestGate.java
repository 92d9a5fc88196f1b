package dev.oncall.api.ingest;

import dev.oncall.core.service.IntegrationKey;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.validation.FieldError;
import dev.oncall.store.service.ServiceRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every ingest request passes before it is recorded: a bounded body that is a JSON
 * object, an integration key of the right type, and the key's rate limit.
 */
@Component
class IngestGate {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Bounds the key cache however many distinct (mostly wrong) keys senders try. */
    private static final int MAX_CACHED_KEYS = 10_000;

    private final IngestProperties settings;
    private final ServiceRepository services;
    private final IngestRateLimit rateLimit;
    private final OpenPathLimits openPaths;
    private final Clock clock;
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

    IngestGate(IngestProperties settings, ServiceRepository services, IngestRateLimit rateLimit,
               OpenPathLimits openPaths, Clock clock) {
        this.settings = settings;
        this.services = services;
        this.rateLimit = rateLimit;
        this.openPaths = openPaths;
        this.clock = clock;
    }

    /** The body as a JSON object, or the reason it is not one. */
    sealed interface Body {
        record Json(JsonNode root) implements Body {}

        /** @param tooLarge the body is over {@code max-body-bytes}: 413 rather than 400 */
        record Refused(FieldError error, boolean tooLarge) implements Body {
            Refused(FieldError error) {
                this(error, false);
            }
        }
    }

    Body read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            return tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        if (bytes.length > settings.maxBodyBytes()) {
            return tooLarge();
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                return new Body.Refused(new FieldError("body", "must be a JSON object"));
            }
            return new Body.Json(root);
        } catch (JacksonException e) {
            return new Body.Refused(new FieldError("body", "is not valid JSON"));
        }
    }

    private Body tooLarge() {
        return new Body.Refused(new FieldError("body", "must be at most " + settings.maxBodyBytes() + " bytes"), true);
    }

    /**
     * The integration of this type with this secret, if any, asked by {@code address}. Answers are
     * remembered for {@code keyCacheTtl}: a busy sender costs one lookup per interval, not one per
     * event, and a deleted key stops working within that time. An address that has named too many
     * unknown keys lately is refused ({@link Guessing}) before any lookup, except for a key this
     * instance has known: behind a proxy that hides senders' addresses, a guesser must not stop
     * everyone's alerts.
     */
    Optional<IntegrationKey> key(String secret, IntegrationType type, String address) {
        if (secret == null || secret.isBlank() || secret.length() > 64) {
            return unknown(address);
        }
        Instant now = clock.instant();
        CachedKey cached = keys.get(secret);
        if (cached == null || !now.isBefore(cached.expires())) {
            OptionalLong guessing = openPaths.guessing(address);
            if (guessing.isPresent()) {
                if (cached != null && cached.key().isPresent()) {
                    return cached.key().filter(k -> k.type() == type);
                }
                throw new Guessing(guessing.getAsLong());
            }
            if (keys.size() >= MAX_CACHED_KEYS) {
                keys.clear();
            }
            cached = new CachedKey(services.findKeyBySecret(secret), now.plus(settings.keyCacheTtl()));
            keys.put(secret, cached);
        }
        Optional<IntegrationKey> key = cached.key().filter(k -> k.type() == type);
        return key.isPresent() ? key : unknown(address);
    }

    private Optional<IntegrationKey> unknown(String address) {
        openPaths.unknownKey(address);
        return Optional.empty();
    }

    /** The asking address named too many unknown keys lately: 429, retry after {@code retryAfterSeconds}. */
    static final class Guessing extends RuntimeException {
        final long retryAfterSeconds;

        Guessing(long retryAfterSeconds) {
            super("too many unknown keys from this address", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private record CachedKey(Optional<IntegrationKey> key, Instant expires) {}

    /** Empty when the request may go on; otherwise the seconds the sender should wait (Retry-After). */
    OptionalLong throttle(IntegrationKey key) {
        Admission admission = rateLimit.acquire(key.id());
        return admission.admitted() ? OptionalLong.empty() : OptionalLong.of(admission.retryAfterSeconds());
    }
}
