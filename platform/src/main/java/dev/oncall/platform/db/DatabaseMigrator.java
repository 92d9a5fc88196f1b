package dev.oncall.platform.db;

import dev.oncall.platform.PlatformProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema. The portable migrations ({@code db/migration/common}) run everywhere;
 * on CockroachDB the database's regions and survival goal are set from configuration and
 * then {@code db/migration/cockroachdb} sets table localities, tracked in its own history
 * table so the two sets never interleave. Running it again is a no-op.
 *
 * <p>Its statements wait for the database as long as they take: an index build or a region
 * change may run for minutes, far past the socket timeout that bounds every other statement.
 */
public final class DatabaseMigrator {
    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrator.class);
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final DataSource dataSource;
    private final PlatformProperties properties;

    public DatabaseMigrator(DataSource dataSource, PlatformProperties properties) {
        this.dataSource = untimed(dataSource);
        this.properties = properties;
    }

    /** Connections without the socket timeout; the pool restores it when they are returned. */
    private static DataSource untimed(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = super.getConnection();
                try {
                    c.setNetworkTimeout(Runnable::run, 0);
                } catch (SQLException | RuntimeException e) {
                    c.close();
                    throw e;
                }
                return c;
            }
        };
    }

    public DatabaseKind migrate() {
        var common = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common")
                .load()
                .migrate();
        log.info("schema migrated: {} migrations applied, now at version {}",
                common.migrationsExecuted, common.targetSchemaVersion);
        DatabaseKind kind = DatabaseKind.of(dataSource);
        if (kind == DatabaseKind.COCKROACHDB) {
            configureRegions();
            var localities = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/cockroachdb")
                    .table("flyway_schema_history_cockroachdb")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info("cockroachdb localities migrated: {} migrations applied", localities.migrationsExecuted);
        }
        return kind;
    }

    /** Idempotent: every statement is a no-op when the database already has that setting. */
    private void configureRegions() {
        PlatformProperties.Cockroach c = properties.cockroach();
        String primary = c.primaryRegion().isBlank() ? properties.region() : c.primaryRegion();
        Set<String> regions = new LinkedHashSet<>();
        regions.add(primary);
        regions.addAll(c.regions());
        try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement()) {
            String database = conn.getCatalog();
            s.execute("ALTER DATABASE " + quote(database) + " SET PRIMARY REGION " + quote(region(primary)));
            for (String r : regions) {
                s.execute("ALTER DATABASE " + quote(database) + " ADD REGION IF NOT EXISTS " + quote(region(r)));
            }
            String goal = c.survivalGoal().toLowerCase(Locale.ROOT);
            if (!goal.equals("zone") && !goal.equals("region")) {
                throw new IllegalStateException("oncall.cockroach.survival-goal must be zone or region, not " + goal);
            }
            s.execute("ALTER DATABASE " + quote(database) + " SURVIVE " + goal.toUpperCase(Locale.ROOT) + " FAILURE");
            log.info("cockroachdb regions {} (primary {}), survive {} failure", regions, primary, goal);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot configure CockroachDB regions: " + e.getMessage(), e);
        }
    }

    private static String region(String name) {
        if (!REGION_NAME.matcher(name).matches()) {
            throw new IllegalStateException("not a region name: " + name);
        }
        return name;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
