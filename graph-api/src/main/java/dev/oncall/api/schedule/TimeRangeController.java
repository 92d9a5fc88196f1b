package dev.oncall.api.schedule;

import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Zones;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code parseTimeRange}: any signed-in caller (a person or a team's token) may have a phrase
 * read; it touches no team's data. "Now" is the injected clock's.
 */
@Controller
class TimeRangeController {
    record TimeRangeParse(Instant start, Instant end, String startLocal, String endLocal, String zone) {}

    private final Clock clock;

    TimeRangeController(Clock clock) {
        this.clock = clock;
    }

    @QueryMapping
    TimeRangeParse parseTimeRange(@Argument String text, @Argument String zone, Caller caller) {
        Problems problems = new Problems();
        ZoneId z = Zones.check(problems, "zone", zone);
        if (z == null) {
            throw ApiException.badRequest("zone", problems.errors().getFirst().message());
        }
        try {
            TimeRangePhrase.Range r = TimeRangePhrase.parse(text, z, clock.instant());
            return new TimeRangeParse(r.start(), r.end(), r.startLocal().toString(), r.endLocal().toString(), zone);
        } catch (TimeRangePhrase.NotUnderstood e) {
            throw ApiException.badRequest("text", e.getMessage());
        }
    }
}
