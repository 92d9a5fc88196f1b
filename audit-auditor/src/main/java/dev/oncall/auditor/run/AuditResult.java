package dev.oncall.auditor.run;

import dev.oncall.store.audit.Finding;
import java.util.List;

/**
 * What one run found and did.
 *
 * @param findings     everything found, including what is still within its grace
 * @param mismatches   findings past their grace: the run's verdict
 * @param cacheChecked false when Redis could not be read (the cache was not judged)
 */
public record AuditResult(int schedulesChecked, List<Finding> findings, int mismatches, int repairs, int pagesSent,
                          int pagesFailed, boolean cacheChecked) {
    /** The same result with one more page that no channel took. */
    public AuditResult withFailedPage() {
        return new AuditResult(schedulesChecked, findings, mismatches, repairs, pagesSent, pagesFailed + 1, cacheChecked);
    }

    /** The process exit code of a one-shot run: non-zero when something is wrong. */
    public int exitCode() {
        return mismatches > 0 || pagesFailed > 0 ? 1 : 0;
    }
}
