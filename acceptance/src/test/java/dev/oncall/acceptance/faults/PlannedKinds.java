package dev.oncall.acceptance.faults;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds a fault run plans: every kind but {@link FaultKind#CONFIG_LOCK} by default;
 * {@code -Dfaults.config-lock=true} adds it, {@code -Dfaults.kinds=CLOCK_STEP,CONFIG_LOCK} names
 * exactly the kinds to plan. Configuration reads failing make steps late today (their fallback,
 * dispatching from a snapshot of the configuration, is being built), so the lock stays out of
 * the default run until it holds the bound.
 */
final class PlannedKinds {
    private PlannedKinds() {}

    static List<FaultKind> fromSystemProperties() {
        String named = System.getProperty("faults.kinds", "").strip();
        if (!named.isEmpty()) {
            return Arrays.stream(named.split(",")).map(String::strip).map(FaultKind::valueOf).toList();
        }
        boolean configLock = Boolean.getBoolean("faults.config-lock");
        return Arrays.stream(FaultKind.values()).filter(k -> configLock || k != FaultKind.CONFIG_LOCK).toList();
    }
}
