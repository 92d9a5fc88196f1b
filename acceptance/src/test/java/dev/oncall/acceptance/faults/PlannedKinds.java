package dev.oncall.acceptance.faults;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds a fault run plans: every kind by default; {@code -Dfaults.kinds=CLOCK_STEP,CONFIG_LOCK}
 * names exactly the kinds to plan (to reproduce or study one).
 */
final class PlannedKinds {
    private PlannedKinds() {}

    static List<FaultKind> fromSystemProperties() {
        String named = System.getProperty("faults.kinds", "").strip();
        if (!named.isEmpty()) {
            return Arrays.stream(named.split(",")).map(String::strip).map(FaultKind::valueOf).toList();
        }
        return List.of(FaultKind.values());
    }
}
