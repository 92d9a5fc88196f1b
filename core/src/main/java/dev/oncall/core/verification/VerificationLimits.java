package dev.oncall.core.verification;

import java.time.Duration;

/**
 * How verification and test messages are bounded, so that neither can be used to flood someone's
 * phone (or run up the SMS bill) and a code cannot be guessed. Named here once: graph-api
 * enforces them, docs/api.md lists them.
 */
public final class VerificationLimits {
    /** A code works this long after it was asked for. */
    public static final Duration CODE_TTL = Duration.ofMinutes(10);
    /**
     * Wrong codes tried on one contact method before every code pending for it stops working;
     * with the send limits below that leaves about one chance in 20,000 a day of guessing.
     */
    public static final int MAX_FAILED_CHECKS = 5;
    /** Verification messages to one contact method. */
    public static final RateLimit CODES_PER_METHOD = new RateLimit(3, Duration.ofMinutes(10));
    /** Verification messages to all of one person's contact methods. */
    public static final RateLimit CODES_PER_PERSON = new RateLimit(10, Duration.ofDays(1));
    /** Test notifications to one contact method. */
    public static final RateLimit TESTS_PER_METHOD = new RateLimit(3, Duration.ofMinutes(10));
    /** Test notifications to all of one person's contact methods. */
    public static final RateLimit TESTS_PER_PERSON = new RateLimit(10, Duration.ofDays(1));

    private VerificationLimits() {}
}
