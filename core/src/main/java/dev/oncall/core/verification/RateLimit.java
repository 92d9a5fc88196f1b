package dev.oncall.core.verification;

import java.time.Duration;
import java.util.Objects;

/** At most {@code count} of something per {@code per}, counted over a sliding window. */
public record RateLimit(int count, Duration per) {
    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (count < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one per a positive window");
        }
    }

    /** "3 per 10 minutes", "10 per day": how the limit is named in a refusal. */
    public String describe() {
        String window = per.equals(Duration.ofDays(1)) ? "day"
                : per.toHours() > 0 && per.toMinutesPart() == 0 ? per.toHours() + " hours"
                : per.toMinutes() + " minutes";
        return count + " per " + window;
    }
}
