package dev.oncall.store.db;

import dev.oncall.platform.db.DatabaseMigrator;
import dev.oncall.platform.db.DatabaseKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.platform.PlatformProperties;
import dev.oncall.store.testing.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.cockroachdb.CockroachContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every migration, including the multi-region DDL, applied to a real CockroachDB node that
 * reports a region. Needs Docker; where there is none, JUnit reports this class as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class CockroachMigrationsTest {

    @Container
    static final CockroachContainer cockroach = new CockroachContainer("cockroachdb/cockroach:v25.2.2")
            .withCommand("start-single-node --insecure --locality=region=us-east1");

    @Test
    void allMigrationsApplyAndTablesGetTheirLocalities() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(cockroach.getJdbcUrl());
        ds.setUser(cockroach.getUsername());
        ds.setPassword(cockroach.getPassword());
        PlatformProperties props = TestInfrastructure.storeProperties("us-east1", "");

        DatabaseKind kind = new DatabaseMigrator(ds, props).migrate();
        new DatabaseMigrator(ds, props).migrate();

        assertThat(kind).isEqualTo(DatabaseKind.COCKROACHDB);
        JdbcClient jdbc = JdbcClient.create(ds);
        List<String> localities = jdbc.sql("SELECT name || '=' || locality FROM crdb_internal.tables "
                + "WHERE database_name = current_database() AND name IN ('teams', 'incidents')").query(String.class).list();
        assertThat(localities).anySatisfy(l -> assertThat(l).startsWith("teams=GLOBAL"));
        assertThat(localities).anySatisfy(l -> assertThat(l).startsWith("incidents=REGIONAL BY ROW"));
    }
}
