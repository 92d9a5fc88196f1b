package dev.oncall.store.db;

import dev.oncall.platform.db.DatabaseMigrator;
import dev.oncall.platform.db.DatabaseKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(WithInfrastructure.class)
class DatabaseMigratorTest {

    @Test
    void migratingTwiceIsCleanAndChangesNothing(TestInfrastructure infra) {
        var ds = infra.newDatabase();
        var migrator = new DatabaseMigrator(ds, TestInfrastructure.storeProperties("test", ""));
        JdbcClient jdbc = JdbcClient.create(ds);
        int applied = jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single();

        DatabaseKind kind = migrator.migrate();
        DatabaseKind again = migrator.migrate();

        assertThat(kind).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(again).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isEqualTo(applied);
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success").query(Integer.class).single())
                .isZero();
    }

    @Test
    void everyTableOfTheDataModelExists(TestInfrastructure infra) {
        JdbcClient jdbc = JdbcClient.create(infra.newDatabase());
        var tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).set();
        assertThat(tables).contains("teams", "users", "team_members", "contact_methods", "notification_rules",
                "schedules", "rotation_layers", "layer_participants", "overrides", "coverage_requests", "shifts",
                "escalation_policies", "escalation_steps", "escalation_step_targets", "services",
                "integration_keys", "alerts", "incidents", "incident_events", "escalation_timers",
                "notification_attempts", "api_tokens", "worker_heartbeats");
    }

    @Test
    void connectionsAreSerializable(TestInfrastructure infra) {
        JdbcClient jdbc = JdbcClient.create(infra.newDatabase());
        assertThat(jdbc.sql("SHOW default_transaction_isolation").query(String.class).single())
                .isEqualTo("serializable");
    }
}
