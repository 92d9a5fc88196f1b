package dev.oncall.store.service;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.service.IntegrationKey;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Services and the integration keys that route alerts to them. */
public final class ServiceRepository {
    public static final int MAX_KEYS_PER_SERVICE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final RowMapper<Service> SERVICE = (rs, n) -> new Service(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "team_id"), rs.getString("name"), rs.getString("description"),
            Rows.uuid(rs, "escalation_policy_id"), Rows.optionalInstant(rs, "maintenance_until"),
            Optional.ofNullable((Integer) rs.getObject("ack_timeout_seconds")).map(Duration::ofSeconds),
            Urgency.parse(rs.getString("default_urgency")).orElseThrow());
    private static final RowMapper<IntegrationKey> KEY = (rs, n) -> new IntegrationKey(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "service_id"), IntegrationType.parse(rs.getString("type")).orElseThrow(),
            rs.getString("name"), rs.getString("secret"));
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "services_team_name_key", new Explanation("name", "this team already has a service with this name"),
            "services_team_id_fkey", new Explanation("teamId", "no such team"));

    private final Transactions tx;

    public ServiceRepository(Transactions tx) {
        this.tx = tx;
    }

    public Service create(UUID teamId, String name, String description, UUID policyId, Urgency urgency,
                          Optional<Duration> ackTimeout) {
        Problems problems = new Problems();
        Service.check(problems, name, description, ackTimeout);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "service.create", db -> {
            checkPolicy(db, teamId, policyId);
            try {
                UUID id = db.sql("""
                                INSERT INTO services (team_id, name, description, escalation_policy_id,
                                                      default_urgency, ack_timeout_seconds)
                                VALUES (:team, :name, :description, :policy, :urgency, :ack) RETURNING id""")
                        .param("team", teamId).param("name", name).param("description", orEmpty(description))
                        .param("policy", policyId).param("urgency", urgency.code())
                        .param("ack", ackTimeout.map(d -> (int) d.toSeconds()).orElse(null), java.sql.Types.INTEGER)
                        .query(UUID.class).single();
                return new Service(id, teamId, name, orEmpty(description), policyId, Optional.empty(), ackTimeout, urgency);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    public Service update(UUID id, String name, String description, UUID policyId, Urgency urgency,
                          Optional<Duration> ackTimeout) {
        Problems problems = new Problems();
        Service.check(problems, name, description, ackTimeout);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "service.update", db -> {
            Service current = load(db, id).orElseThrow(() -> ValidationException.of("id", "no such service"));
            checkPolicy(db, current.teamId(), policyId);
            try {
                db.sql("""
                                UPDATE services SET name = :name, description = :description,
                                       escalation_policy_id = :policy, default_urgency = :urgency,
                                       ack_timeout_seconds = :ack
                                WHERE id = :id""")
                        .param("name", name).param("description", orEmpty(description)).param("policy", policyId)
                        .param("urgency", urgency.code())
                        .param("ack", ackTimeout.map(d -> (int) d.toSeconds()).orElse(null), java.sql.Types.INTEGER)
                        .param("id", id).update();
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
            return load(db, id).orElseThrow();
        });
    }

    /** Puts a service in maintenance until {@code until} (alerts recorded, nobody paged), or ends it with empty. */
    public Service setMaintenance(UUID id, Optional<Instant> until) {
        return ConfigurationVersion.write(tx, "service.maintenance", db -> {
            int n = db.sql("UPDATE services SET maintenance_until = :until WHERE id = :id")
                    .param("until", until.map(Rows::param).orElse(null), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                    .param("id", id).update();
            if (n == 0) {
                throw ValidationException.of("id", "no such service");
            }
            return load(db, id).orElseThrow();
        });
    }

    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "service.delete", db -> db.sql("DELETE FROM services WHERE id = :id").param("id", id).update() > 0);
    }

    public Optional<Service> find(UUID id) {
        return tx.read("service.find", db -> load(db, id));
    }

    public static Optional<Service> load(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM services WHERE id = :id").param("id", id).query(SERVICE).optional();
    }

    public List<Service> listByTeam(UUID teamId) {
        return tx.read("service.listByTeam", db -> db.sql("SELECT * FROM services WHERE team_id = :team ORDER BY name")
                .param("team", teamId).query(SERVICE).list());
    }

    /** A new key with a random 32-hex-character secret, like PagerDuty's routing keys. */
    public IntegrationKey createKey(UUID serviceId, IntegrationType type, String name) {
        Problems problems = new Problems();
        Text.required(problems, "name", name, 100);
        problems.throwIfAny();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        return ConfigurationVersion.write(tx, "service.createKey", db -> {
            if (load(db, serviceId).isEmpty()) {
                throw ValidationException.of("serviceId", "no such service");
            }
            int existing = db.sql("SELECT count(*) FROM integration_keys WHERE service_id = :s").param("s", serviceId)
                    .query(Integer.class).single();
            if (existing >= MAX_KEYS_PER_SERVICE) {
                throw ValidationException.of("serviceId", "a service may have at most " + MAX_KEYS_PER_SERVICE + " keys");
            }
            UUID id = db.sql("""
                            INSERT INTO integration_keys (service_id, type, name, secret)
                            VALUES (:service, :type, :name, :secret) RETURNING id""")
                    .param("service", serviceId).param("type", type.code()).param("name", name)
                    .param("secret", secret).query(UUID.class).single();
            return new IntegrationKey(id, serviceId, type, name, secret);
        });
    }

    public boolean deleteKey(UUID id) {
        return ConfigurationVersion.write(tx, "service.deleteKey", db ->
                db.sql("DELETE FROM integration_keys WHERE id = :id").param("id", id).update() > 0);
    }

    public Optional<IntegrationKey> findKey(UUID id) {
        return tx.read("service.findKey", db -> db.sql("SELECT * FROM integration_keys WHERE id = :id")
                .param("id", id).query(KEY).optional());
    }

    public List<IntegrationKey> keysOf(UUID serviceId) {
        return tx.read("service.keysOf", db -> db.sql(
                        "SELECT * FROM integration_keys WHERE service_id = :s ORDER BY created_at, id")
                .param("s", serviceId).query(KEY).list());
    }

    /** The key with this secret, if any: how ingest finds the service an event is for. */
    public Optional<IntegrationKey> findKeyBySecret(String secret) {
        return tx.read("service.findKeyBySecret", db -> db.sql("SELECT * FROM integration_keys WHERE secret = :secret")
                .param("secret", secret).query(KEY).optional());
    }

    private static void checkPolicy(JdbcClient db, UUID teamId, UUID policyId) {
        if (policyId == null) {
            throw ValidationException.of("escalationPolicyId", "is required");
        }
        int n = db.sql("SELECT count(*) FROM escalation_policies WHERE id = :p AND team_id = :t")
                .param("p", policyId).param("t", teamId).query(Integer.class).single();
        if (n == 0) {
            throw ValidationException.of("escalationPolicyId", "no escalation policy with this id in the service's team");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
