package dev.oncall.api.graphql;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The API's limits and knobs (docs/configuration.md lists them).
 *
 * @param maxQueryDepth          deepest nesting of fields one operation may select
 * @param maxQueryComplexity     most fields one operation may select, counted over the whole query
 * @param maxRequestSize         largest request body accepted on /graphql (schedule files included)
 * @param subscriptionPoll       how often live subscriptions look at the clock and the schedule's version
 * @param calendarPast           how far back calendar feeds list shifts
 * @param calendarFuture         how far ahead calendar feeds list shifts
 */
@ConfigurationProperties("oncall.api")
public record ApiProperties(
        @DefaultValue("15") int maxQueryDepth,
        @DefaultValue("5000") int maxQueryComplexity,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("1s") Duration subscriptionPoll,
        @DefaultValue("30d") Duration calendarPast,
        @DefaultValue("180d") Duration calendarFuture) {}
