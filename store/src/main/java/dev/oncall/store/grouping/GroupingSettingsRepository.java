package dev.oncall.store.grouping;

import dev.oncall.core.alert.FieldPath;
import dev.oncall.core.grouping.Grouping;
import dev.oncall.core.grouping.GroupingMode;
import dev.oncall.core.grouping.GroupingSettings;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.version.ConfigurationVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A service's alert grouping and whether its incidents resolve with their last alert. A service
 * without a row has {@link GroupingSettings#DEFAULT}. Changing them is a configuration write: it
 * bumps the configuration version in the same transaction.
 */
public final class GroupingSettingsRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Transactions tx;

    public GroupingSettingsRepository(Transactions tx) {
        this.tx = tx;
    }

    public GroupingSettings find(UUID serviceId) {
        return tx.read("grouping.find", db -> load(db, serviceId));
    }

    /**
     * Replaces the service's settings. Groups already open keep their incidents: content groups
     * formed under other fields (or another mode) simply take no new alerts.
     *
     * @throws ValidationException on {@code serviceId} when it names no service
     */
    public GroupingSettings save(UUID serviceId, GroupingSettings settings) {
        return ConfigurationVersion.write(tx, "grouping.save", db -> {
            int services = db.sql("SELECT count(*) FROM services WHERE id = :id").param("id", serviceId)
                    .query(Integer.class).single();
            if (services == 0) {
                throw ValidationException.of("serviceId", "no such service");
            }
            Grouping g = settings.grouping();
            ArrayNode fields = JSON.createArrayNode();
            g.fields().forEach(f -> fields.add(f.toString()));
            db.sql("""
                            INSERT INTO service_alert_grouping (service_id, mode, fields, window_seconds,
                                                                resolve_with_last_alert, updated_at)
                            VALUES (:service, :mode, CAST(:fields AS JSONB), :window, :resolve, now())
                            ON CONFLICT (service_id) DO UPDATE SET mode = excluded.mode, fields = excluded.fields,
                                window_seconds = excluded.window_seconds,
                                resolve_with_last_alert = excluded.resolve_with_last_alert, updated_at = now()""")
                    .param("service", serviceId).param("mode", g.mode().code()).param("fields", fields.toString())
                    .param("window", g.window().map(w -> (int) w.toSeconds()).orElse(null), java.sql.Types.INTEGER)
                    .param("resolve", settings.resolveWithLastAlert()).update();
            return settings;
        });
    }

    /** The service's settings inside the caller's transaction (ingest reads them beside dedup). */
    public static GroupingSettings load(JdbcClient db, UUID serviceId) {
        return db.sql("""
                        SELECT mode, fields, window_seconds, resolve_with_last_alert
                        FROM service_alert_grouping WHERE service_id = :id""")
                .param("id", serviceId)
                .query((rs, n) -> new GroupingSettings(grouping(rs.getString("mode"), rs.getString("fields"),
                        (Integer) rs.getObject("window_seconds")), rs.getBoolean("resolve_with_last_alert")))
                .optional().orElse(GroupingSettings.DEFAULT);
    }

    private static Grouping grouping(String mode, String fields, Integer windowSeconds) {
        List<FieldPath> paths = new ArrayList<>();
        for (JsonNode f : JSON.readTree(fields)) {
            Problems problems = new Problems();
            paths.add(FieldPath.parse(f.asString(), problems, "fields").orElseThrow(
                    () -> new IllegalStateException("stored grouping field " + f + ": " + problems.errors())));
        }
        return new Grouping(GroupingMode.parse(mode).orElseThrow(), paths,
                Optional.ofNullable(windowSeconds).map(Duration::ofSeconds));
    }
}
