package dev.oncall.auditor.outage;

import dev.oncall.auditor.page.PageEvent;
import dev.oncall.auditor.page.Pager;
import dev.oncall.core.validation.Codes;
import dev.oncall.platform.redis.RedisConnections;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page "the auditor cannot reach the database", sent through the same channels as every
 * other audit page but without the database: the episodes that make the other pages once-only
 * live there. Every run that cannot reach it triggers again under one stable dedup key, which
 * the receiver folds into one open incident; the first run that audits again resolves it.
 *
 * <p>That the page is open is remembered in this process (the {@code --loop} mode) and in the
 * region's Redis (a one-shot run is a new process each time); without either, a one-shot run
 * that audits again cannot know there is something to resolve.
 */
public final class DatabaseOutagePage {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutagePage.class);
    static final String KIND = "database_unreachable";

    private final Pager pager;
    private final RedisConnections redis;
    private final String region;
    /** How long Redis remembers an open page: a lost resolve must not be retried for ever. */
    private final Duration memory;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile boolean open;

    public DatabaseOutagePage(Pager pager, RedisConnections redis, String region, Duration memory, Clock clock,
                              MeterRegistry meters) {
        this.pager = pager;
        this.redis = redis;
        this.region = region;
        this.memory = memory;
        this.clock = clock;
        this.meters = meters;
    }

    /** {@code oncall-audit/database_unreachable/{region}}, like the keys of the other findings. */
    public String dedupKey() {
        return "oncall-audit/" + KIND + "/" + region;
    }

    private String redisKey() {
        return "oncall:audit:" + KIND + ":" + region;
    }

    /** Pages that the run could not reach the database because of {@code cause}; true when a channel took it. */
    public boolean trigger(Throwable cause) {
        String reason = firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        PageEvent event = new PageEvent(PageEvent.Action.TRIGGER, dedupKey(),
                "Oncall auditor in " + region + " cannot reach the database, so nothing is audited: " + reason,
                KIND, region, Map.of("error", reason, "seen_at", clock.instant().toString()));
        Optional<String> via = deliver(event);
        via.ifPresent(channel -> remember());
        return via.isPresent();
    }

    /**
     * After a run that audited: resolves the page if one is open. False only when one is open and
     * no channel took the resolve (it stays open, and the next run tries again).
     */
    public boolean resolveIfOpen() {
        if (!isOpen()) {
            return true;
        }
        PageEvent event = new PageEvent(PageEvent.Action.RESOLVE, dedupKey(),
                "Oncall auditor in " + region + " reaches the database again and audits", KIND, region,
                Map.of("resolved_at", clock.instant().toString()));
        Optional<String> via = deliver(event);
        via.ifPresent(channel -> forget());
        return via.isPresent();
    }

    private Optional<String> deliver(PageEvent event) {
        Optional<String> via = pager.deliver(event);
        via.ifPresent(channel -> meters.counter("oncall.audit.pages", "action", Codes.of(event.action()), "channel",
                channel).increment());
        return via;
    }

    private boolean isOpen() {
        if (open) {
            return true;
        }
        try {
            return redis.connection().map(c -> c.sync().exists(redisKey()) > 0).orElse(false);
        } catch (RuntimeException e) {
            log.warn("cannot tell from Redis whether the '{}' page is open: {}", KIND, e.toString());
            return false;
        }
    }

    private void remember() {
        open = true;
        try {
            redis.connection().ifPresent(c -> c.sync().setex(redisKey(), memory.toSeconds(), clock.instant().toString()));
        } catch (RuntimeException e) {
            log.warn("cannot remember in Redis that the '{}' page is open (a later one-shot run will not resolve it): {}",
                    KIND, e.toString());
        }
    }

    private void forget() {
        open = false;
        try {
            redis.connection().ifPresent(c -> c.sync().del(redisKey()));
        } catch (RuntimeException e) {
            log.warn("cannot forget in Redis that the '{}' page was open: {}", KIND, e.toString());
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
