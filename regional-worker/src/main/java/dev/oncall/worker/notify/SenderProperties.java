package dev.oncall.worker.notify;

import java.time.Duration;
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
 * @param rateLimits   messages per person and channel; intents over the limit wait and are bundled
 */
@ConfigurationProperties("oncall.notify.sender")
public record SenderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("2m") Duration claimTtl,
        @DefaultValue Retry retry,
        @DefaultValue Breaker breaker,
        @DefaultValue RateLimits rateLimits) {

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

    /** At most {@code messages} messages to one person on one channel per {@code per}. */
    public record Limit(int messages, Duration per) {}

    public record RateLimits(
            @DefaultValue({"10", "1m"}) Limit push,
            @DefaultValue({"3", "1m"}) Limit sms,
            @DefaultValue({"1", "2m"}) Limit voice,
            @DefaultValue({"10", "1m"}) Limit email,
            @DefaultValue({"10", "1m"}) Limit slack,
            @DefaultValue({"30", "1m"}) Limit webhook) {

        public Limit of(String channel) {
            return switch (channel) {
                case "push" -> push;
                case "sms" -> sms;
                case "voice" -> voice;
                case "email" -> email;
                case "slack" -> slack;
                default -> webhook;
            };
        }
    }
}
