package dev.oncall.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V60 gives the people of an existing installation their installation roles: the bootstrap
 * admin becomes the owner; without one, the longest-standing team admin; everyone else stays a
 * plain user. Each case migrates data written under V50 in a schema of its own.
 */
@ExtendWith(WithInfrastructure.class)
class InstallationRolesMigrationTest {
    private JdbcClient db;
    private Flyway flyway;

    /** An installation at V50, before installation roles existed. */
    private void atV50(TestInfrastructure infra, String schema) {
        SchemaAt at = SchemaAt.version(infra, schema, "50");
        flyway = at.flyway();
        db = at.db();
    }

    private UUID person(String handle, String createdAt) {
        return db.sql("INSERT INTO users (handle, name, email, timezone, created_at) VALUES (:h, :h, :e, 'UTC', "
                        + "CAST(:at AS TIMESTAMPTZ)) RETURNING id")
                .param("h", handle).param("e", handle + "@example.com").param("at", createdAt).query(UUID.class).single();
    }

    private UUID team(String name, Map<UUID, String> members, String createdAt) {
        UUID team = db.sql("INSERT INTO teams (name) VALUES (:n) RETURNING id").param("n", name).query(UUID.class).single();
        members.forEach((user, role) -> db.sql("INSERT INTO team_members (team_id, user_id, role, created_at) "
                        + "VALUES (:t, :u, :r, CAST(:at AS TIMESTAMPTZ))")
                .param("t", team).param("u", user).param("r", role).param("at", createdAt).update());
        return team;
    }

    private void token(UUID user, String name) {
        db.sql("INSERT INTO api_tokens (user_id, name, token_hash, token_prefix) VALUES (:u, :n, :h, 'oncall_x')")
                .param("u", user).param("n", name).param("h", UUID.randomUUID().toString().replace("-", ""))
                .update();
    }

    private Map<UUID, String> roles() {
        return db.sql("SELECT user_id, role FROM installation_roles").query((rs, n) -> Map.entry(
                rs.getObject("user_id", UUID.class), rs.getString("role"))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void theBootstrapAdminBecomesTheOwnerAndOtherTeamAdminsStayUsers(TestInfrastructure infra) {
        atV50(infra, "bootstrapped");
        UUID admin = person("admin", "2026-01-01T00:00:00Z");
        token(admin, "bootstrap");
        UUID carol = person("carol", "2026-01-02T00:00:00Z");
        UUID dan = person("dan", "2026-01-03T00:00:00Z");
        team("Admins", Map.of(admin, "admin"), "2026-01-01T00:00:00Z");
        team("Payments", Map.of(carol, "admin", dan, "responder"), "2025-12-01T00:00:00Z");

        flyway.migrate();

        assertThat(roles()).isEqualTo(Map.of(admin, "owner"));
    }

    @Test
    void aTokenNamedBootstrapOfALaterPersonProvesNothing(TestInfrastructure infra) {
        atV50(infra, "impostor");
        UUID first = person("first", "2026-01-01T00:00:00Z");
        UUID impostor = person("impostor", "2026-01-02T00:00:00Z");
        token(impostor, "bootstrap");
        team("Ops", Map.of(first, "admin"), "2026-01-01T00:00:00Z");
        team("Own", Map.of(impostor, "admin"), "2026-01-05T00:00:00Z");

        flyway.migrate();

        // No bootstrap admin: the longest-standing team admin is the owner, not who named a token so.
        assertThat(roles()).isEqualTo(Map.of(first, "owner"));
    }

    @Test
    void withoutABootstrapAdminTheLongestStandingTeamAdminBecomesTheOwner(TestInfrastructure infra) {
        atV50(infra, "demo");
        UUID alice = person("alice", "2026-01-01T00:00:00Z");
        UUID bob = person("bob", "2026-01-01T00:00:01Z");
        UUID carol = person("carol", "2026-01-01T00:00:02Z");
        team("Demo", Map.of(alice, "admin", bob, "responder"), "2026-01-01T00:00:05Z");
        team("Later", Map.of(carol, "admin"), "2026-01-02T00:00:00Z");

        flyway.migrate();

        assertThat(roles()).isEqualTo(Map.of(alice, "owner"));
    }

    @Test
    void anEmptyInstallationHasNoRolesUntilItsFirstPerson(TestInfrastructure infra) {
        atV50(infra, "fresh");

        flyway.migrate();

        assertThat(roles()).isEmpty();
    }
}
