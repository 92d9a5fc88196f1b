package dev.oncall.auditor.page;

import java.util.Map;
import java.util.Objects;

/**
 * A page about the system itself: a trigger when an episode starts, a resolve when it ends,
 * both naming the episode's stable dedup key.
 */
public record PageEvent(Action action, String dedupKey, String summary, String kind, String region,
                        Map<String, Object> details) {
    public enum Action { TRIGGER, RESOLVE }

    public PageEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(summary, "summary");
        details = Map.copyOf(details);
    }
}
