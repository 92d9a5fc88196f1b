package dev.oncall.api.graphql;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The API's limits and knobs (docs/configuration.md lists them).
 *
 * @param maxQueryDepth          deepest nesting of fields one operation may select
 * @param maxQueryComplexity     most one operation may cost, counted by {@link QueryCost} before it runs
 * @param operationTimeout       longest a query or mutation runs before it is stopped with an error
 * @param maxSubscriptionsPerConnection live subscriptions one WebSocket connection may hold
 * @param maxSubscriptionsPerCaller     live subscriptions one person or token may hold on one instance
 * @param maxRequestSize         largest request body accepted on /graphql (schedule files included)
 * @param subscriptionPoll       how often live subscriptions look at the clock and the schedule's version
 * @param calendarPast           how far back calendar feeds list shifts
 * @param calendarFuture         how far ahead calendar feeds list shifts
 */
@ConfigurationProperties("oncall.api")
public record ApiProperties(
        @DefaultValue("15") int maxQueryDepth,
        @DefaultValue("50000") int maxQueryComplexity,
        @DefaultValue("30s") Duration operationTimeout,
        @DefaultValue("20") int maxSubscriptionsPerConnection,
        @DefaultValue("100") int maxSubscriptionsPerCaller,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("1s") Duration subscriptionPoll,
        @DefaultValue("30d") Duration calendarPast,
        @DefaultValue("180d") Duration calendarFuture) {}
