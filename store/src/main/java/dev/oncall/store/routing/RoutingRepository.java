package dev.oncall.store.routing;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.routing.Actions;
import dev.oncall.core.routing.RoutingRules;
import dev.oncall.core.routing.RoutingSpec;
import dev.oncall.core.routing.SeverityUrgency;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.version.ConfigurationVersion;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing rules and the severity map of services. Rules are replaced whole, naming the version
 * that was read (a stale version is a field error and nothing is written); every write bumps the
 * configuration version in the same transaction.
 */
public final class RoutingRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Transactions tx;

    public RoutingRepository(Transactions tx) {
        this.tx = tx;
    }

    public StoredRouting find(UUID serviceId) {
        return tx.read("routing.find", db -> load(db, serviceId));
    }

    /** What ingest would do with a trigger carrying {@code alert} on the service, reading only. */
    public RoutePlanner.Plan preview(UUID serviceId, AlertFields alert) {
        return tx.read("routing.preview", db -> RoutePlanner.load(db, ServiceRepository.load(db, serviceId)
                .orElseThrow(() -> ValidationException.of("serviceId", "no such service"))).plan(db, alert));
    }

    /** The service's routing inside the caller's transaction (one primary-key read); none when never set. */
    public static StoredRouting load(JdbcClient db, UUID serviceId) {
        return db.sql("SELECT rules, severity_urgency, version FROM service_routing WHERE service_id = :id")
                .param("id", serviceId)
                .query((rs, n) -> new StoredRouting(serviceId, RoutingSpec.parse(rs.getString("rules")),
                        severityUrgency(rs.getString("severity_urgency")), rs.getLong("version")))
                .optional().orElseGet(() -> StoredRouting.none(serviceId));
    }

    /**
     * Replaces the service's rules and catch-all, if they are still at {@code expectedVersion}.
     * Every route target must be another service of the same team; one of another team is
     * refused as if it did not exist.
     */
    public StoredRouting replaceRules(UUID serviceId, long expectedVersion, RoutingRules rules) {
        return ConfigurationVersion.write(tx, "routing.replace", db -> {
            Service service = ServiceRepository.load(db, serviceId)
                    .orElseThrow(() -> ValidationException.of("serviceId", "no such service"));
            checkTargets(db, service, rules);
            StoredRouting current = load(db, serviceId);
            if (current.version() != expectedVersion) {
                throw stale(current.version(), expectedVersion);
            }
            // Conditional on the version read: a concurrent replace that committed first makes this one stale.
            List<Long> written = db.sql("""
                            INSERT INTO service_routing (service_id, rules, version, updated_at)
                            VALUES (:id, CAST(:rules AS JSONB), :next, now())
                            ON CONFLICT (service_id) DO UPDATE SET rules = excluded.rules, version = excluded.version,
                                                                   updated_at = excluded.updated_at
                            WHERE service_routing.version = :expected
                            RETURNING version""")
                    .param("id", serviceId).param("rules", RoutingSpec.toJson(rules)).param("next", expectedVersion + 1)
                    .param("expected", expectedVersion).query(Long.class).list();
            if (written.isEmpty()) {
                throw stale(load(db, serviceId).version(), expectedVersion);
            }
            return new StoredRouting(serviceId, rules, current.severityUrgency(), expectedVersion + 1);
        });
    }

    /** Sets the service's severity map whole (an empty map: every severity pages with the default urgency). */
    public StoredRouting setSeverityUrgency(UUID serviceId, SeverityUrgency map) {
        return ConfigurationVersion.write(tx, "routing.severityUrgency", db -> {
            if (ServiceRepository.load(db, serviceId).isEmpty()) {
                throw ValidationException.of("serviceId", "no such service");
            }
            Map<String, String> codes = new HashMap<>();
            map.map().forEach((s, u) -> codes.put(s.code(), u.code()));
            db.sql("""
                            INSERT INTO service_routing (service_id, severity_urgency, updated_at)
                            VALUES (:id, CAST(:map AS JSONB), now())
                            ON CONFLICT (service_id) DO UPDATE SET severity_urgency = excluded.severity_urgency,
                                                                   updated_at = excluded.updated_at""")
                    .param("id", serviceId).param("map", JSON.writeValueAsString(codes)).update();
            return load(db, serviceId);
        });
    }

    private static void checkTargets(JdbcClient db, Service service, RoutingRules rules) {
        if (rules.routeTargets().isEmpty()) {
            return;
        }
        Map<UUID, UUID> teams = new HashMap<>();
        db.sql("SELECT id, team_id FROM services WHERE id IN (:ids)").param("ids", List.copyOf(rules.routeTargets()))
                .query((rs, n) -> teams.put(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class)))
                .list();
        Problems problems = new Problems();
        for (int i = 0; i < rules.rules().size(); i++) {
            checkTarget(problems, "rules[" + i + "].actions.routeTo", rules.rules().get(i).actions(), service, teams);
        }
        checkTarget(problems, "catchAll.routeTo", rules.catchAll(), service, teams);
        problems.throwIfAny();
    }

    private static void checkTarget(Problems problems, String field, Actions actions, Service service,
                                    Map<UUID, UUID> teams) {
        actions.routeTo().ifPresent(target -> {
            if (target.equals(service.id())) {
                problems.add(field, "is this service itself: route to another service of the team");
            } else if (!service.teamId().equals(teams.get(target))) {
                // Another team's service is answered like a missing one: its existence is not the caller's to know.
                problems.add(field, "no such service in this service's team");
            }
        });
    }

    private static ValidationException stale(long current, long expected) {
        return ValidationException.of("version", "the routing rules were changed by someone else (they are at version "
                + current + ", you read " + expected + "); reload and retry");
    }

    private static SeverityUrgency severityUrgency(String json) {
        JsonNode node = JSON.readTree(json);
        Map<SeverityUrgency.Severity, Urgency> map = new EnumMap<>(SeverityUrgency.Severity.class);
        node.properties().forEach(e -> SeverityUrgency.Severity.parse(e.getKey()).ifPresent(s ->
                Urgency.parse(e.getValue().asString()).ifPresent(u -> map.put(s, u))));
        return new SeverityUrgency(map);
    }
}
