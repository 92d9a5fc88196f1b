package dev.oncall.store.escalation;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation policies with their steps and targets, written and read as one aggregate.
 * Every target must belong to the policy's team: one of its schedules, one of its members,
 * or the team itself. Updates carry the version they read; a stale update is refused.
 */
public final class PolicyRepository {
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "escalation_policies_team_name_key", new Explanation("name", "this team already has a policy with this name"),
            "escalation_policies_team_id_fkey", new Explanation("teamId", "no such team"));

    private final Transactions tx;

    public PolicyRepository(Transactions tx) {
        this.tx = tx;
    }

    public EscalationPolicy create(UUID teamId, String name, String description, int repeatCount,
                                   List<EscalationStep> steps) {
        validate(name, description, repeatCount, steps);
        return ConfigurationVersion.write(tx, "policy.create", db -> {
            checkTargets(db, teamId, steps);
            try {
                UUID id = db.sql("""
                                INSERT INTO escalation_policies (team_id, name, description, repeat_count)
                                VALUES (:team, :name, :description, :repeat) RETURNING id""")
                        .param("team", teamId).param("name", name).param("description", orEmpty(description))
                        .param("repeat", repeatCount).query(UUID.class).single();
                insertSteps(db, id, steps);
                return new EscalationPolicy(id, teamId, name, orEmpty(description), repeatCount, 1, steps);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    /** Replaces a policy's fields and steps, if it is still at {@code expectedVersion}. */
    public EscalationPolicy update(UUID id, long expectedVersion, String name, String description, int repeatCount,
                                   List<EscalationStep> steps) {
        validate(name, description, repeatCount, steps);
        return ConfigurationVersion.write(tx, "policy.update", db -> {
            EscalationPolicy current = load(db, id).orElseThrow(() -> ValidationException.of("id", "no such policy"));
            checkTargets(db, current.teamId(), steps);
            try {
                int n = db.sql("""
                                UPDATE escalation_policies
                                SET name = :name, description = :description, repeat_count = :repeat,
                                    config_version = config_version + 1
                                WHERE id = :id AND config_version = :version""")
                        .param("name", name).param("description", orEmpty(description)).param("repeat", repeatCount)
                        .param("id", id).param("version", expectedVersion).update();
                if (n == 0) {
                    throw ValidationException.of("version", "the policy was changed by someone else (it is at version "
                            + current.version() + ", you read " + expectedVersion + "); reload and retry");
                }
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
            db.sql("DELETE FROM escalation_steps WHERE policy_id = :id").param("id", id).update();
            insertSteps(db, id, steps);
            return new EscalationPolicy(id, current.teamId(), name, orEmpty(description), repeatCount,
                    expectedVersion + 1, steps);
        });
    }

    /** Deletes a policy; refused while a service uses it. */
    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "policy.delete", db -> {
            int users = db.sql("SELECT count(*) FROM services WHERE escalation_policy_id = :id").param("id", id)
                    .query(Integer.class).single();
            if (users > 0) {
                throw ValidationException.of("id", "the policy is used by " + users
                        + " service(s); point them at another policy first");
            }
            return db.sql("DELETE FROM escalation_policies WHERE id = :id").param("id", id).update() > 0;
        });
    }

    public Optional<EscalationPolicy> find(UUID id) {
        return tx.read("policy.find", db -> load(db, id));
    }

    public List<EscalationPolicy> listByTeam(UUID teamId) {
        return tx.read("policy.listByTeam", db -> {
            List<UUID> ids = db.sql("SELECT id FROM escalation_policies WHERE team_id = :team ORDER BY name")
                    .param("team", teamId).query(UUID.class).list();
            List<EscalationPolicy> out = new ArrayList<>();
            for (UUID id : ids) {
                load(db, id).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Loads a policy inside a caller's transaction (the escalation engine reads it with the incident). */
    public static Optional<EscalationPolicy> load(JdbcClient db, UUID id) {
        record Header(UUID team, String name, String description, int repeat, long version) {}
        Optional<Header> header = db.sql("SELECT * FROM escalation_policies WHERE id = :id").param("id", id)
                .query((rs, n) -> new Header(Rows.uuid(rs, "team_id"), rs.getString("name"),
                        rs.getString("description"), rs.getInt("repeat_count"), rs.getLong("config_version")))
                .optional();
        if (header.isEmpty()) {
            return Optional.empty();
        }
        record Row(UUID step, int order, int after, String type, UUID target) {}
        List<Row> rows = db.sql("""
                        SELECT s.id, s.step_order, s.escalate_after_seconds, t.target_type, t.target_id
                        FROM escalation_steps s LEFT JOIN escalation_step_targets t ON t.step_id = s.id
                        WHERE s.policy_id = :id ORDER BY s.step_order, t.position""")
                .param("id", id)
                .query((rs, n) -> new Row(Rows.uuid(rs, "id"), rs.getInt("step_order"),
                        rs.getInt("escalate_after_seconds"), rs.getString("target_type"), Rows.uuid(rs, "target_id")))
                .list();
        Map<UUID, List<StepTarget>> targets = new LinkedHashMap<>();
        Map<UUID, Integer> after = new LinkedHashMap<>();
        for (Row r : rows) {
            targets.computeIfAbsent(r.step(), k -> new ArrayList<>());
            after.put(r.step(), r.after());
            if (r.type() != null) {
                targets.get(r.step()).add(new StepTarget(TargetType.parse(r.type()).orElseThrow(), r.target()));
            }
        }
        List<EscalationStep> steps = new ArrayList<>();
        targets.forEach((step, t) -> steps.add(new EscalationStep(Duration.ofSeconds(after.get(step)), t)));
        Header h = header.get();
        return Optional.of(new EscalationPolicy(id, h.team(), h.name(), h.description(), h.repeat(), h.version(), steps));
    }

    private static void validate(String name, String description, int repeatCount, List<EscalationStep> steps) {
        Problems problems = new Problems();
        EscalationPolicy.check(problems, name, description, repeatCount, steps == null ? 0 : steps.size());
        problems.throwIfAny();
    }

    private static void checkTargets(JdbcClient db, UUID teamId, List<EscalationStep> steps) {
        Problems problems = new Problems();
        for (int s = 0; s < steps.size(); s++) {
            List<StepTarget> targets = steps.get(s).targets();
            for (int t = 0; t < targets.size(); t++) {
                StepTarget target = targets.get(t);
                String field = "steps[" + s + "].targets[" + t + "].id";
                boolean ok = switch (target.type()) {
                    case SCHEDULE -> exists(db, "SELECT count(*) FROM schedules WHERE id = :id AND team_id = :team",
                            target.id(), teamId);
                    case USER -> exists(db, "SELECT count(*) FROM team_members WHERE user_id = :id AND team_id = :team",
                            target.id(), teamId);
                    case TEAM -> target.id().equals(teamId);
                };
                if (!ok) {
                    problems.add(field, switch (target.type()) {
                        case SCHEDULE -> "no schedule with this id in the policy's team";
                        case USER -> "no member with this id in the policy's team";
                        case TEAM -> "a step can only page the policy's own team";
                    });
                }
            }
        }
        problems.throwIfAny();
    }

    private static boolean exists(JdbcClient db, String sql, UUID id, UUID team) {
        return db.sql(sql).param("id", id).param("team", team).query(Integer.class).single() > 0;
    }

    private static void insertSteps(JdbcClient db, UUID policyId, List<EscalationStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            UUID stepId = db.sql("""
                            INSERT INTO escalation_steps (policy_id, step_order, escalate_after_seconds)
                            VALUES (:policy, :order, :after) RETURNING id""")
                    .param("policy", policyId).param("order", i).param("after", (int) step.escalateAfter().toSeconds())
                    .query(UUID.class).single();
            for (int t = 0; t < step.targets().size(); t++) {
                StepTarget target = step.targets().get(t);
                db.sql("""
                                INSERT INTO escalation_step_targets (step_id, position, target_type, target_id)
                                VALUES (:step, :position, :type, :id)""")
                        .param("step", stepId).param("position", t).param("type", target.type().code())
                        .param("id", target.id()).update();
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
