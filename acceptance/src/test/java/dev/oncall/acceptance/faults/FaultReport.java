package dev.oncall.acceptance.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The table a fault run prints: its seed and profile, faults by kind, measures, and every invariant. */
final class FaultReport {
    private FaultReport() {}

    static String table(FaultProfile profile, List<Fault> faults, int requests, int retries, int refused,
                        InvariantChecker.Verdict verdict, List<String> notes) {
        StringBuilder out = new StringBuilder("\nFault run, seed " + profile.seed() + " (rerun with -Dfaults.seed="
                + profile.seed() + "): " + profile.load().toSeconds() + " s of load at " + profile.rate() + " alerts/s, "
                + profile.faults() + " faults planned, " + profile.workers() + " workers, 2 graph-apis\n");
        Map<FaultKind, Integer> byKind = new EnumMap<>(FaultKind.class);
        faults.forEach(f -> byKind.merge(f.kind(), 1, Integer::sum));
        out.append(String.format("%-40s %8s%n", "faults injected", faults.size()));
        byKind.forEach((kind, n) -> out.append(String.format("  %-38s %8d%n", kind, n)));
        row(out, "events sent (requests, with retries)", requests);
        row(out, "  retried (5xx, 429, no answer)", retries);
        row(out, "  refused 4xx (the load's own mistake)", refused);
        row(out, "alerts", verdict.alerts());
        row(out, "incidents", verdict.incidents());
        row(out, "steps fired", verdict.stepsFired());
        row(out, "pages (texts recorded by an intent)", verdict.pages());
        row(out, "duplicate texts", verdict.duplicates());
        row(out, "intents not yet sent at the end", verdict.unsentIntents());
        out.append("largest lateness of a step, after\n");
        new TreeMap<>(verdict.latenessAfter()).forEach((kind, late) -> out.append(String.format(
                "  %-38s %7.1fs%n", kind, late.toMillis() / 1000.0)));
        out.append("invariants\n");
        for (InvariantChecker.Invariant i : verdict.invariants()) {
            out.append(String.format("  %-58s %6d checked  %s%n", i.name(), i.checked(),
                    i.holds() ? "holds" : i.violations().size() + " VIOLATED"));
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, int n) {
        out.append(String.format("%-40s %8d%n", what, n));
    }

}
