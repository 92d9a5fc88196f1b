package dev.oncall.core.routing;

/**
 * How large a service's routing rules may be, so that deciding one alert stays a bounded amount
 * of work on the ingest path (at most {@link #MAX_RULES} × {@link #MAX_CONDITIONS} tests, each
 * linear in the alert's value). Documented for users in docs/alerts.md.
 */
public final class RoutingLimits {
    public static final int MAX_RULES = 50;
    public static final int MAX_CONDITIONS = 10;
    /** Texts one {@code in} condition may list. */
    public static final int MAX_VALUES = 100;
    /** Characters of one value (a summary may be 1024). */
    public static final int MAX_VALUE = 1024;
    /** Characters of one regular expression. */
    public static final int MAX_PATTERN = 256;
    /**
     * Instructions of a compiled regular expression: RE2 matches in time proportional to the value
     * times this, and {@code (a{100}){10}} is short text but a large program.
     */
    public static final int MAX_PROGRAM = 2000;
    public static final int MAX_NAME = 100;

    private RoutingLimits() {
    }
}
