package dev.oncall.api.ack;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.validation.FieldError;
import dev.oncall.store.db.Transactions;
import dev.oncall.store.notify.IncidentEventLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Acknowledges and resolves incidents with the same conditional update and event the incident
 * commands write, for the acknowledgement path tests.
 */
final class RecordingIncidentActions implements IncidentActions {
    private final Transactions tx;
    private final Clock clock;

    RecordingIncidentActions(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Outcome act(UUID incidentId, UUID userId, AckAction action, String channel) {
        String target = action == AckAction.ACKNOWLEDGE ? "acknowledged" : "resolved";
        return tx.write("test.act", db -> {
            Optional<String> title = db.sql("SELECT title FROM incidents WHERE id = :id").param("id", incidentId)
                    .query(String.class).optional();
            if (title.isEmpty()) {
                return new Outcome(false, "", List.of(new FieldError("incidentId", "no such incident")));
            }
            int changed = db.sql("""
                            UPDATE incidents SET status = :target WHERE id = :id AND status <> :target
                              AND (status = 'triggered' OR :target = 'resolved')""")
                    .param("target", target).param("id", incidentId).update();
            if (changed > 0) {
                IncidentEventLog.append(db, incidentId, target, "user", userId.toString(), channel, Map.of(),
                        clock.instant());
            }
            return new Outcome(changed > 0, title.get(), List.of());
        });
    }
}
