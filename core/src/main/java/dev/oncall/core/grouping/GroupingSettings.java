package dev.oncall.core.grouping;

import java.util.Objects;

/**
 * What a service does with the alerts of its incidents: how new alerts are grouped, and whether
 * an incident resolves by itself when the last of its open alerts is resolved by its monitoring
 * tool (otherwise a person resolves it).
 */
public record GroupingSettings(Grouping grouping, boolean resolveWithLastAlert) {
    /** A service that never chose: every alert its own incident, resolved with it (as before grouping existed). */
    public static final GroupingSettings DEFAULT = new GroupingSettings(Grouping.none(), true);

    public GroupingSettings {
        Objects.requireNonNull(grouping, "grouping");
    }
}
