package dev.oncall.store.schedule;

import dev.oncall.store.version.ConfigurationVersion;
import static dev.oncall.store.schedule.ScheduleRows.bump;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Transactions;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A schedule's rotation layers, one at a time or all at once. Each change carries the schedule
 * version it read; participants are user ids that must be members of the schedule's team.
 */
public final class Layers {
    private final Transactions tx;

    public Layers(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Replaces every layer of the schedule (in priority order, lowest first) if the schedule is
     * still at {@code expectedVersion}. Participants are user ids that must be team members.
     */
    public List<StoredLayer> replaceAll(UUID scheduleId, long expectedVersion, List<Layer> layers) {
        checkCount(layers.size());
        return ConfigurationVersion.write(tx, "schedule.replaceLayers", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            TeamMembership.checkParticipants(db, info.teamId(), layers, "layers");
            db.sql("DELETE FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId).update();
            List<StoredLayer> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                out.add(insert(db, scheduleId, i, layers.get(i)));
            }
            return out;
        });
    }

    /** Adds a layer on top of the existing ones (highest priority). */
    public StoredLayer add(UUID scheduleId, long expectedVersion, Layer layer) {
        return ConfigurationVersion.write(tx, "schedule.addLayer", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            int count = db.sql("SELECT count(*) FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId)
                    .query(Integer.class).single();
            checkCount(count + 1);
            TeamMembership.checkParticipants(db, info.teamId(), List.of(layer), "layer");
            int next = db.sql("SELECT coalesce(max(layer_order) + 1, 0) FROM rotation_layers WHERE schedule_id = :id")
                    .param("id", scheduleId).query(Integer.class).single();
            return insert(db, scheduleId, next, layer);
        });
    }

    public StoredLayer update(UUID layerId, long expectedVersion, Layer layer) {
        return ConfigurationVersion.write(tx, "schedule.updateLayer", db -> {
            UUID scheduleId = scheduleOf(db, layerId);
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            TeamMembership.checkParticipants(db, info.teamId(), List.of(layer), "layer");
            int order = db.sql("SELECT layer_order FROM rotation_layers WHERE id = :id").param("id", layerId)
                    .query(Integer.class).single();
            db.sql("DELETE FROM rotation_layers WHERE id = :id").param("id", layerId).update();
            return insert(db, scheduleId, order, layer, layerId);
        });
    }

    public boolean delete(UUID layerId, long expectedVersion) {
        return ConfigurationVersion.write(tx, "schedule.deleteLayer", db -> {
            UUID scheduleId = scheduleOf(db, layerId);
            bump(db, scheduleId, expectedVersion);
            return db.sql("DELETE FROM rotation_layers WHERE id = :id").param("id", layerId).update() > 0;
        });
    }

    /** The schedule a layer belongs to, if the layer exists. */
    public Optional<UUID> scheduleOf(UUID layerId) {
        return tx.read("schedule.scheduleOfLayer", db -> db.sql("SELECT schedule_id FROM rotation_layers WHERE id = :id")
                .param("id", layerId).query(UUID.class).optional());
    }

    private static UUID scheduleOf(JdbcClient db, UUID layerId) {
        return db.sql("SELECT schedule_id FROM rotation_layers WHERE id = :id").param("id", layerId)
                .query(UUID.class).optional().orElseThrow(() -> ValidationException.of("id", "no such layer"));
    }

    static StoredLayer insert(JdbcClient db, UUID scheduleId, int order, Layer layer) {
        return insert(db, scheduleId, order, layer, UUID.randomUUID());
    }

    private static StoredLayer insert(JdbcClient db, UUID scheduleId, int order, Layer layer, UUID id) {
        Rotation r = layer.rotation();
        boolean custom = r.type() == Rotation.Type.CUSTOM;
        db.sql("""
                        INSERT INTO rotation_layers (id, schedule_id, name, layer_order, rotation_type, rotation_count,
                               rotation_period, start_local, end_local, users_per_shift, restrictions)
                        VALUES (:id, :schedule, :name, :order, :type, :count, :period, :start, :end, :ups,
                                CAST(:restrictions AS JSONB))""")
                .param("id", id).param("schedule", scheduleId).param("name", layer.name()).param("order", order)
                .param("type", r.type().spelling())
                .param("count", custom ? null : r.count(), Types.INTEGER)
                .param("period", custom ? r.isoLength() : null, Types.VARCHAR)
                .param("start", layer.start())
                .param("end", layer.end().orElse(null), Types.TIMESTAMP)
                .param("ups", layer.usersPerShift())
                .param("restrictions", RestrictionJson.write(layer.restrictions()))
                .update();
        List<UserRef> participants = layer.participants();
        for (int i = 0; i < participants.size(); i++) {
            db.sql("INSERT INTO layer_participants (layer_id, position, user_id) VALUES (:layer, :pos, :user)")
                    .param("layer", id).param("pos", i).param("user", participants.get(i).requireUuid()).update();
        }
        return new StoredLayer(id, scheduleId, layer);
    }

    static void checkCount(int n) {
        if (n > ScheduleLimits.MAX_LAYERS) {
            throw ValidationException.of("layers", "at most " + ScheduleLimits.MAX_LAYERS + " layers per schedule, got " + n);
        }
    }
}
