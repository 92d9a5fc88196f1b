package dev.oncall.store.testing;

import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.DatabaseMigrator;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL and Redis of this test JVM, started once on free ports from
 * Maven-shipped binaries. Each test class that wants isolation takes a fresh database,
 * copied in milliseconds from a template that was migrated once.
 */
public final class TestInfrastructure {
    private static final String TEMPLATE = "oncall_template";
    private static final AtomicInteger databases = new AtomicInteger();
    private static TestInfrastructure instance;

    private final EmbeddedInfrastructure servers;

    private TestInfrastructure(EmbeddedInfrastructure servers) {
        this.servers = servers;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            EmbeddedInfrastructure servers = EmbeddedInfrastructure.acquire(Optional.empty());
            instance = new TestInfrastructure(servers);
            instance.prepareTemplate();
        }
        return instance;
    }

    /** Settings a test process uses: its region, no retry limit surprises, the test Redis. */
    public static PlatformProperties storeProperties(String region, String redisUrl) {
        return new PlatformProperties(region,
                new PlatformProperties.Redis(redisUrl, java.time.Duration.ofSeconds(2)),
                new PlatformProperties.Migrations(true),
                new PlatformProperties.Cockroach("", List.of(), "zone"),
                new PlatformProperties.Retry(50, java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(200)));
    }

    private void prepareTemplate() {
        execute("postgres", "DROP DATABASE IF EXISTS " + TEMPLATE);
        execute("postgres", "CREATE DATABASE " + TEMPLATE);
        PGSimpleDataSource ds = dataSource(TEMPLATE);
        new DatabaseMigrator(ds, storeProperties("test", "")).migrate();
    }

    /** A new, migrated, empty database nobody else uses; returns its JDBC URL. */
    public String newDatabaseUrl() {
        String name = "oncall_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return servers.jdbcUrl(name);
    }

    /**
     * Points a Spring Boot test at a fresh database of its own and the test Redis; use from a
     * {@code @DynamicPropertySource} method.
     */
    public static void register(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = get();
        String url = infra.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", infra::username);
        registry.add("oncall.redis.url", infra::redisUrl);
    }

    /** A new, migrated, empty database as an unpooled DataSource. */
    public PGSimpleDataSource newDatabase() {
        String url = newDatabaseUrl();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(username());
        return ds;
    }

    public String username() {
        return servers.username();
    }

    public String redisUrl() {
        return servers.redisUrl();
    }

    public int redisPort() {
        return servers.redisPort();
    }

    public void stopRedis() {
        servers.stopRedis();
    }

    public void startRedis() {
        servers.startRedis();
    }

    /** Stops PostgreSQL (tests of the database-down answers); every test must {@link #startPostgres()} it again. */
    public void stopPostgres() {
        servers.stopPostgres();
    }

    public void startPostgres() {
        servers.startPostgres();
    }

    /** Freezes PostgreSQL, as a hung host; every test must {@link #thawPostgres()} it again. */
    public void freezePostgres() {
        servers.freezePostgres();
    }

    public void thawPostgres() {
        servers.thawPostgres();
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(servers.jdbcUrl(database));
        ds.setUser(servers.username());
        return ds;
    }

    private void execute(String database, String sql) {
        DataSource ds = dataSource(database);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
