package dev.oncall.store.notify;

import dev.oncall.core.user.ContactMethodType;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.UUID;

/** Which shift start/end messages went out, so each goes out once whichever worker sees the handoff first. */
public final class HandoffNotices {
    private final Transactions tx;

    public HandoffNotices(Transactions tx) {
        this.tx = tx;
    }

    /** Records the notice; false when it was already recorded (by this or another worker). */
    public boolean claim(UUID scheduleId, UUID userId, boolean starts, Instant at, Instant now) {
        return tx.write("notify.handoff", db -> db.sql("""
                        INSERT INTO handoff_notices (schedule_id, user_id, kind, at, created_at)
                        VALUES (:schedule, :user, :kind, :at, :now) ON CONFLICT DO NOTHING""")
                .param("schedule", scheduleId).param("user", userId).param("kind", starts ? "start" : "end")
                .param("at", Rows.param(at)).param("now", Rows.param(now)).update() == 1);
    }

    /** Notes which channel carried it (none: the person has no usable contact method for notices). */
    public void sentVia(UUID scheduleId, UUID userId, boolean starts, Instant at, ContactMethodType channel) {
        tx.write("notify.handoffSent", db -> db.sql("""
                        UPDATE handoff_notices SET channel = :channel
                        WHERE schedule_id = :schedule AND user_id = :user AND kind = :kind AND at = :at""")
                .param("channel", channel.code()).param("schedule", scheduleId).param("user", userId)
                .param("kind", starts ? "start" : "end").param("at", Rows.param(at)).update());
    }
}
