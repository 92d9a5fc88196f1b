package dev.oncall.auditor.run;

import dev.oncall.auditor.heartbeat.HeartbeatPing;
import dev.oncall.auditor.outage.DatabaseOutagePage;
import dev.oncall.platform.db.DatabaseUnavailable;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass as the world outside sees it: the audit when the database can be reached, a page
 * saying it cannot when it cannot, and the heartbeat ping when the audit ran to its end,
 * whatever it found (what it found is paged on its own; the ping says "alive and able to
 * audit"). The pager and the ping need no database, so both work while it is gone.
 */
public final class AuditPass {
    private static final Logger log = LoggerFactory.getLogger(AuditPass.class);

    private final Supplier<Auditor> auditor;
    private final DatabaseOutagePage outage;
    private final HeartbeatPing heartbeat;

    /**
     * @param auditor asked for on every pass: building it touches the database, so a pass may
     *                fail there as well as in the run
     */
    public AuditPass(Supplier<Auditor> auditor, DatabaseOutagePage outage, HeartbeatPing heartbeat) {
        this.auditor = auditor;
        this.outage = outage;
        this.heartbeat = heartbeat;
    }

    /**
     * Runs one pass. Empty when the database could not be reached (paged, no ping); any other
     * failure is thrown, with no page and no ping.
     */
    public Optional<AuditResult> run() {
        AuditResult result;
        try {
            result = auditor.get().runOnce();
        } catch (RuntimeException e) {
            Throwable cause = DatabaseUnavailable.cause(e).orElseThrow(() -> e);
            log.error("audit could not run: cannot reach the database: {}", cause.toString());
            outage.trigger(cause);
            return Optional.empty();
        }
        if (!outage.resolveIfOpen()) {
            result = result.withFailedPage();
        }
        heartbeat.beat();
        return Optional.of(result);
    }

    /** The process exit code of a one-shot pass: the audit's, or 2 when it could not audit. */
    public static int exitCode(Optional<AuditResult> pass) {
        return pass.map(AuditResult::exitCode).orElse(2);
    }
}
