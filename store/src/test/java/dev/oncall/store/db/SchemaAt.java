package dev.oncall.store.db;

import dev.oncall.store.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An installation migrated up to an older version, in a schema of its own, for a test that writes
 * the data of that time and then applies the rest ({@code flyway.migrate()}).
 *
 * @param flyway the portable migrations, all of them, on that schema
 * @param db     the schema, to write and read rows
 */
record SchemaAt(Flyway flyway, JdbcClient db) {
    static SchemaAt version(TestInfrastructure infra, String schema, String version) {
        PGSimpleDataSource ds = infra.newDatabase();
        ds.setCurrentSchema(schema);
        Flyway all = Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration/common").load();
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration/common").target(version)
                .load().migrate();
        return new SchemaAt(all, JdbcClient.create(ds));
    }
}
