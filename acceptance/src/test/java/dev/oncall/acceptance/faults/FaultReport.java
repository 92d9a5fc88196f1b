package dev.oncall.acceptance.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table a fault run prints: its seed and profile, faults by kind, measures, every invariant,
 * where the wall time went, and what the injector, the fleet and the load noted.
 */
final class FaultReport {
    private FaultReport() {}

    static String table(FaultProfile profile, List<Fault> faults, AlertLoad load, RunRecord run,
                        InvariantChecker.Verdict verdict, Map<String, Long> homes, Map<String, Long> adopted, Map<String, Duration> phases,
                        List<String> notes) {
        StringBuilder out = new StringBuilder("\nFault run, seed " + profile.seed() + " (rerun with -Dfaults.seed="
                + profile.seed() + "): " + profile.load().toSeconds() + " s of load at " + profile.rate() + " alerts/s, "
                + profile.faults() + " random faults planned"
                + (profile.postgresOutage().isPositive() ? " and PostgreSQL stopped " + profile.postgresOutage().toSeconds()
                        + " s in the middle" : "")
                + "; 2 regions, each with its own Redis, " + profile.apis() + " graph-api(s) and " + profile.workers()
                + " worker(s); " + profile.auditors() + " auditor(s)\n");
        Map<FaultKind, Integer> byKind = new EnumMap<>(FaultKind.class);
        faults.forEach(f -> byKind.merge(f.kind(), 1, Integer::sum));
        out.append(String.format("%-40s %8s%n", "faults injected", faults.size()));
        byKind.forEach((kind, n) -> out.append(String.format("  %-38s %8d%n", kind, n)));
        row(out, "events sent (requests, with retries)", load.requests());
        row(out, "  retried (5xx, 429, no answer)", load.retries());
        row(out, "  refused 4xx (the load's own mistake)", load.refused());
        row(out, "  keys unanswered when the drain ended", load.unfinished().size());
        row(out, "alerts", verdict.alerts());
        row(out, "incidents", verdict.incidents());
        homes.forEach((region, n) -> row(out, "  homed in " + region, n.intValue()));
        row(out, "steps fired", verdict.stepsFired());
        row(out, "  resolved from a configuration snapshot", verdict.stepsFromSnapshot());
        for (Fault f : faults) {
            if (f.kind() == FaultKind.STOP_POSTGRES && profile.postgresOutage().isPositive()
                    && Duration.between(f.start(), f.end()).compareTo(profile.postgresOutage()) >= 0) {
                List<Instant> after = run.events().stream().filter(e -> e.kind().equals("step_fired")
                        && e.at().isAfter(f.end()) && !e.at().isAfter(f.end().plus(profile.bound())))
                        .map(RunRecord.Event::at).sorted().toList();
                row(out, "  in the bound after the long outage", after.size());
                if (!after.isEmpty()) {
                    out.append(String.format("    the last of them %.1f s after it%n",
                            Duration.between(f.end(), after.getLast()).toMillis() / 1000.0));
                }
            }
        }
        adopted.forEach((region, n) -> row(out, "  adopted from " + region + " by the other", n.intValue()));
        row(out, "pages (texts recorded by an intent)", verdict.pages());
        row(out, "duplicate texts", verdict.duplicates());
        row(out, "intents not yet sent at the end", verdict.unsentIntents());
        out.append(String.format("lateness of a step, after %30s %7s %7s %7s%n", "steps", "p50", "p99", "max"));
        new TreeMap<>(verdict.lateness()).forEach((kind, all) -> {
            List<Duration> sorted = all.stream().sorted().toList();
            out.append(String.format("  %-38s %14d %6.1fs %6.1fs %6.1fs%n", kind, sorted.size(),
                    seconds(percentile(sorted, 0.50)), seconds(percentile(sorted, 0.99)), seconds(sorted.getLast())));
        });
        out.append("invariants\n");
        for (InvariantChecker.Invariant i : verdict.invariants()) {
            out.append(String.format("  %-58s %6d checked  %s%n", i.name(), i.checked(),
                    i.holds() ? "holds" : i.violations().size() + " VIOLATED"));
        }
        out.append("wall time\n");
        phases.forEach((phase, took) -> out.append(String.format("  %-38s %7.1fs%n", phase, took.toMillis() / 1000.0)));
        out.append(String.format("  %-38s %7.1fs%n", "in all",
                phases.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0));
        faults.forEach(f -> out.append(String.format("fault: %-14s %-44s at %s for %.1f s%n", f.kind(), f.target(),
                f.start(), Duration.between(f.start(), f.end()).toMillis() / 1000.0)));
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, int n) {
        out.append(String.format("%-40s %8d%n", what, n));
    }

    /** The nearest-rank percentile of a sorted, non-empty list. */
    private static Duration percentile(List<Duration> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
