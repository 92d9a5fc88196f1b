package dev.oncall.store.team;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.validation.Problems;
import dev.oncall.platform.db.Rows;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a person leaving takes with them, inside the transaction that removes them from a team
 * or deletes them: a schedule or a policy names only members of its team, so nothing may go
 * on naming them. They are taken out of every rotation layer (the others keep their turns in
 * order), their overrides and the cover requests they made are deleted, the requests they
 * claimed are open again, and user targets naming them leave their steps. Every schedule that
 * changed gets a new configuration version in the same transaction, which is what keeps any
 * cached on-call answer (keyed by version) from naming them afterwards; every changed policy
 * too.
 *
 * <p>Refused, with nothing changed, when a layer or a step would be left unable to work: a
 * layer with no participant or fewer than it puts on call at once, a step with no target. The
 * error names each one, so the person changes them first, knowingly.
 */
public final class Departures {
    /** A row's {@code schedule_id} is one of {@code :team}'s schedules, or {@code :team} is null (every team). */
    private static final String IN_TEAM =
            "(CAST(:team AS UUID) IS NULL OR schedule_id IN (SELECT id FROM schedules WHERE team_id = CAST(:team AS UUID)))";

    private Departures() {}

    /** {@code userId} leaves {@code teamId}'s schedules and policies; refusals are reported under {@code field}. */
    public static void leaveTeam(JdbcClient db, UUID teamId, UUID userId, String field) {
        leave(db, teamId, userId, field);
    }

    /** {@code userId} is deleted: they leave every schedule and policy, of whichever team. */
    public static void leaveEverything(JdbcClient db, UUID userId, String field) {
        leave(db, null, userId, field);
    }

    private record Layer(UUID id, UUID schedule, String name, String scheduleName, int usersPerShift) {}

    private record Target(UUID id, UUID step, int stepOrder, UUID policy, String policyName) {}

    /** {@code team} null: every team. */
    private static void leave(JdbcClient db, UUID team, UUID user, String field) {
        ConfigurationVersion.bump(db);
        List<Layer> layers = db.sql("""
                        SELECT DISTINCT l.id, l.schedule_id, l.name, s.name AS schedule_name, l.users_per_shift
                        FROM rotation_layers l JOIN schedules s ON s.id = l.schedule_id
                        JOIN layer_participants p ON p.layer_id = l.id
                        WHERE p.user_id = :user AND (CAST(:team AS UUID) IS NULL OR s.team_id = CAST(:team AS UUID))""")
                .param("user", user).param("team", team, Types.OTHER)
                .query((rs, n) -> new Layer(Rows.uuid(rs, "id"), Rows.uuid(rs, "schedule_id"),
                        rs.getString("name"), rs.getString("schedule_name"), rs.getInt("users_per_shift")))
                .list();
        List<Target> targets = db.sql("""
                        SELECT t.id, t.step_id, st.step_order, p.id AS policy_id, p.name AS policy_name
                        FROM escalation_step_targets t JOIN escalation_steps st ON st.id = t.step_id
                        JOIN escalation_policies p ON p.id = st.policy_id
                        WHERE t.target_type = 'user' AND t.target_id = :user
                          AND (CAST(:team AS UUID) IS NULL OR p.team_id = CAST(:team AS UUID))""")
                .param("user", user).param("team", team, Types.OTHER)
                .query((rs, n) -> new Target(Rows.uuid(rs, "id"), Rows.uuid(rs, "step_id"),
                        rs.getInt("step_order"), Rows.uuid(rs, "policy_id"), rs.getString("policy_name")))
                .list();

        Problems problems = new Problems();
        Map<Layer, List<UUID>> remaining = new LinkedHashMap<>();
        for (Layer layer : layers) {
            List<UUID> others = db.sql("SELECT user_id FROM layer_participants WHERE layer_id = :layer ORDER BY position")
                    .param("layer", layer.id()).query(UUID.class).stream().filter(u -> !u.equals(user)).toList();
            String where = "layer \"" + layer.name() + "\" of schedule \"" + layer.scheduleName() + "\"";
            if (others.isEmpty()) {
                problems.add(field, "is the only participant of " + where + "; change or delete that layer first");
            } else if (others.size() < layer.usersPerShift()) {
                problems.add(field, where + " puts " + layer.usersPerShift() + " people on call at once and would have "
                        + others.size() + " participant(s) left; change that layer first");
            }
            remaining.put(layer, others);
        }
        for (Target target : targets) {
            int count = db.sql("SELECT count(*) FROM escalation_step_targets WHERE step_id = :step")
                    .param("step", target.step()).query(Integer.class).single();
            if (count == 1) {
                problems.add(field, "is the only target of step " + (target.stepOrder() + 1) + " of escalation policy \""
                        + target.policyName() + "\"; change that step first");
            }
        }
        problems.throwIfAny();

        Set<UUID> schedules = new LinkedHashSet<>();
        remaining.forEach((layer, others) -> {
            db.sql("DELETE FROM layer_participants WHERE layer_id = :layer").param("layer", layer.id()).update();
            for (int i = 0; i < others.size(); i++) {
                db.sql("INSERT INTO layer_participants (layer_id, position, user_id) VALUES (:layer, :pos, :user)")
                        .param("layer", layer.id()).param("pos", i).param("user", others.get(i)).update();
            }
            schedules.add(layer.schedule());
        });
        schedules.addAll(db.sql("DELETE FROM overrides WHERE user_id = :user AND " + IN_TEAM + " RETURNING schedule_id")
                .param("user", user).param("team", team, Types.OTHER).query(UUID.class).list());
        schedules.addAll(db.sql("DELETE FROM coverage_requests WHERE requester = :user AND " + IN_TEAM
                        + " RETURNING schedule_id")
                .param("user", user).param("team", team, Types.OTHER).query(UUID.class).list());
        schedules.addAll(db.sql("""
                        UPDATE coverage_requests SET status = 'open', claimed_by = NULL, claimed_at = NULL
                        WHERE claimed_by = :user AND """ + IN_TEAM + " RETURNING schedule_id")
                .param("user", user).param("team", team, Types.OTHER).query(UUID.class).list());
        if (!schedules.isEmpty()) {
            db.sql("UPDATE schedules SET config_version = config_version + 1, updated_at = now() WHERE id IN (:ids)")
                    .param("ids", new ArrayList<>(schedules)).update();
        }

        if (!targets.isEmpty()) {
            db.sql("DELETE FROM escalation_step_targets WHERE id IN (:ids)")
                    .param("ids", targets.stream().map(Target::id).toList()).update();
            db.sql("UPDATE escalation_policies SET config_version = config_version + 1 WHERE id IN (:ids)")
                    .param("ids", targets.stream().map(Target::policy).distinct().toList()).update();
        }
    }
}
