package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker delivers notification intents. Defaults live here; docs/configuration.md
 * lists every setting.
 *
 * @param enabled      run the delivery loop (tests drive it by hand)
 * @param pollInterval how often to look for due intents when the last look found none
 * @param batchSize    intents claimed per look
 * @param claimTtl     how long a claim holds; a sender that dies is replaced after this. Must
 *                     outlast the slowest send: retries × provider timeout
 * @param retry        transient provider errors: exponential backoff with jitter
 * @param breaker      one circuit breaker per provider
 * @param rateLimits   messages per person and channel ({@code push}, {@code sms} …); intents over
 *                     the limit wait and go out bundled. Defaults: {@link #DEFAULT_RATE_LIMITS}
 */
@ConfigurationProperties("oncall.notify.sender")
public record SenderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("2m") Duration claimTtl,
        @DefaultValue Retry retry,
        @DefaultValue Breaker breaker,
        Map<String, Limit> rateLimits) {

    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("10s") Duration maxBackoff) {}

    /**
     * @param failureRate   percentage of failed calls (transient errors, timeouts) that opens the breaker
     * @param minimumCalls  calls needed before the rate is judged
     * @param window        calls in the sliding window
     * @param openFor       how long it stays open before letting trial calls through
     * @param halfOpenCalls trial calls in the half-open state
     */
    public record Breaker(
            @DefaultValue("50") float failureRate,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("20") int window,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("2") int halfOpenCalls) {}

    /**
     * At most {@code messages} messages to one person on one channel per {@code per}; a setting
     * that names only one of them keeps the default of the other.
     */
    public record Limit(Integer messages, Duration per) {}

    /** The limits that apply where none is configured, per channel. */
    public static final Map<String, Limit> DEFAULT_RATE_LIMITS = Map.of(
            "push", new Limit(10, Duration.ofMinutes(1)),
            "sms", new Limit(3, Duration.ofMinutes(1)),
            "voice", new Limit(1, Duration.ofMinutes(2)),
            "email", new Limit(10, Duration.ofMinutes(1)),
            "slack", new Limit(10, Duration.ofMinutes(1)),
            "webhook", new Limit(30, Duration.ofMinutes(1)));

    public SenderProperties {
        Map<String, Limit> merged = new HashMap<>(DEFAULT_RATE_LIMITS);
        if (rateLimits != null) {
            rateLimits.forEach((channel, limit) -> {
                Limit base = merged.getOrDefault(channel, new Limit(0, Duration.ofMinutes(1)));
                merged.put(channel, new Limit(limit.messages() == null ? base.messages() : limit.messages(),
                        limit.per() == null ? base.per() : limit.per()));
            });
        }
        rateLimits = Map.copyOf(merged);
    }

    /** The limit of a channel; {@code messages} 0 means unlimited. */
    public Limit limit(ContactMethodType channel) {
        return rateLimits.getOrDefault(channel.code(), new Limit(0, Duration.ofMinutes(1)));
    }
}
