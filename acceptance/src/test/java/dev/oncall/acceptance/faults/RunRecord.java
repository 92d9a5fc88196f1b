package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.FakeTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the invariant checker reads after a fault run: the sender's ledger, the database's
 * rows (alerts, incidents with their policy's step delays, incident events, notification
 * attempts), what reached the phone network, and the faults injected. Plain values, so a test
 * can hand the checker a state no healthy system would produce.
 *
 * @param checkedAt when the database was read (its own clock)
 * @param runStart  when the load began: texts before it (verification codes) are not pages of the run
 * @param claimTtl  the senders' claim TTL: a frozen or killed sender's intent may be sent again this long later
 */
public record RunRecord(Instant checkedAt, Instant runStart, Duration bound, Duration claimTtl,
                        List<KeyLedger> ledger, List<Alert> alerts, List<Incident> incidents, List<Event> events,
                        List<Attempt> attempts, List<FakeTwilio.Sent> sends, List<Fault> faults) {

    /** An alert row: its dedup key, how many events it counts, its incident. */
    public record Alert(String dedupKey, int eventCount, UUID incidentId) {}

    /**
     * An incident, with its policy's waits after each step ({@code escalate_after_seconds} by
     * step order) and how often the policy repeats.
     */
    public record Incident(UUID id, String status, List<Duration> waits, int repeatCount) {}

    /**
     * An incident event; step and loop as its data names them (STEP_FIRED), else -1; whether its
     * recipients were resolved from a worker's configuration snapshot (the configuration unreadable).
     */
    public record Event(UUID incidentId, long seq, String kind, Instant at, int step, int loop, boolean fromSnapshot) {
        public Event(UUID incidentId, long seq, String kind, Instant at, int step, int loop) {
            this(incidentId, seq, kind, at, step, loop, false);
        }
    }

    /** A notification attempt: its channel and state, and the provider's message id once sent. */
    public record Attempt(UUID id, UUID incidentId, String channel, String state, String providerMessageId) {}
}
