package dev.oncall.worker.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation engine's knobs (docs/configuration.md, section regional-worker).
 *
 * @param enabled        run the engine in this process
 * @param horizon        timers due within this much time are loaded, leased and held in memory
 * @param pollInterval   how often the database is asked for newly due timers
 * @param batchSize      most timers loaded per poll (and adopted per poll)
 * @param fireThreads    timers fired in parallel
 * @param leaseTtl       a held timer's Redis lease expires this long after its last renewal:
 *                       the longest a dead worker's timers stay untouched
 * @param leaseRenewal   how often held leases are renewed (well under {@code leaseTtl})
 * @param adoptionGrace  a region none of whose workers has sent a heartbeat for this long is
 *                       silent: other regions' workers fire its overdue timers
 * @param redisBreaker   when to stop asking Redis and claim timers from the database instead
 * @param backlogThreshold a poll finding at least this many of the region's timers overdue
 *                       (after a restart or an outage) fires them by sweeping the region in
 *                       batches instead of one transaction each
 */
@ConfigurationProperties("oncall.escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration horizon,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("4") int fireThreads,
        @DefaultValue("15s") Duration leaseTtl,
        @DefaultValue("5s") Duration leaseRenewal,
        @DefaultValue("60s") Duration adoptionGrace,
        @DefaultValue RedisBreaker redisBreaker,
        @DefaultValue("1000") int backlogThreshold) {

    /**
     * @param failureRateThreshold percentage of failed Redis calls that opens the breaker
     * @param slidingWindowSize    how many recent calls the rate is computed over
     * @param waitInOpen           how long the breaker stays open before Redis is tried again
     */
    public record RedisBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("10s") Duration waitInOpen) {}
}
