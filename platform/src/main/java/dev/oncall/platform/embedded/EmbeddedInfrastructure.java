package dev.oncall.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL and a real Redis started from binaries that Maven downloaded, so a
 * newcomer (and every test) needs nothing installed. One instance per JVM and data
 * directory: several Spring contexts in one process (the all-in-one run) share it, and it
 * stops when the last of them releases it.
 */
public final class EmbeddedInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    public static final String DATABASE = "oncall";
    private static EmbeddedInfrastructure shared;
    private static int users;

    private final EmbeddedPostgres postgres;
    private final PostgresServer server;
    private final RedisServer redis;
    private final int redisPort;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, RedisServer redis, int redisPort) {
        this.postgres = postgres;
        this.server = PostgresServer.of(postgres);
        this.redis = redis;
        this.redisPort = redisPort;
    }

    /**
     * Starts the servers, or returns the ones already running in this JVM.
     *
     * @param dataDirectory where PostgreSQL keeps its data across restarts; empty for a
     *                      throw-away database (tests)
     */
    public static synchronized EmbeddedInfrastructure acquire(Optional<Path> dataDirectory) {
        return acquire(dataDirectory, true);
    }

    /**
     * As {@link #acquire(Optional)}; with {@code stopOnJvmExit} false the caller promises to
     * {@link #release} it from its own shutdown hook, after whatever still uses the databases.
     */
    public static synchronized EmbeddedInfrastructure acquire(Optional<Path> dataDirectory, boolean stopOnJvmExit) {
        if (shared == null) {
            shared = start(dataDirectory, stopOnJvmExit);
        }
        users++;
        return shared;
    }

    public static synchronized void release(EmbeddedInfrastructure infrastructure) {
        if (infrastructure != shared || users == 0) {
            return;
        }
        if (--users == 0) {
            shared.stopOnce();
            shared = null;
        }
    }

    private static EmbeddedInfrastructure start(Optional<Path> dataDirectory, boolean stopOnJvmExit) {
        try {
            EmbeddedPostgres.Builder pg = EmbeddedPostgres.builder()
                    // Every transaction is SERIALIZABLE, as on CockroachDB, so 40001 retries are
                    // exercised locally and in tests, not first in production.
                    .setServerConfig("default_transaction_isolation", "serializable")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDirectory.isPresent() ? "on" : "off")
                    .setServerConfig("synchronous_commit", dataDirectory.isPresent() ? "on" : "off")
                    .setServerConfig("full_page_writes", dataDirectory.isPresent() ? "on" : "off")
                    // Our own hook stops both servers; see below.
                    .setRegisterShutdownHook(false);
            if (dataDirectory.isPresent()) {
                Files.createDirectories(dataDirectory.get());
                pg.setDataDirectory(dataDirectory.get()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = pg.start();
            createDatabase(postgres);
            int redisPort = freePort();
            RedisServer redis = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            log.info("embedded PostgreSQL on port {} ({}), embedded Redis on port {}",
                    postgres.getPort(), dataDirectory.map(Path::toString).orElse("throw-away data"), redisPort);
            EmbeddedInfrastructure infra = new EmbeddedInfrastructure(postgres, redis, redisPort);
            if (stopOnJvmExit) {
                // Child processes must not outlive the JVM, even when nobody released them (tests, kill).
                Runtime.getRuntime().addShutdownHook(new Thread(infra::stopOnce, "oncall-embedded-stop"));
            }
            return infra;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL and Redis", e);
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the embedded database", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "";
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public int redisPort() {
        return redisPort;
    }

    /** Stops Redis (for tests of the Redis-down fallback); {@link #startRedis()} brings it back on the same port. */
    public void stopRedis() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startRedis() {
        try {
            if (!redis.isActive()) {
                redis.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops PostgreSQL as an outage would (tests of the database-down answers);
     * {@link #startPostgres()} brings it back on the same port with the same data.
     */
    public void stopPostgres() {
        server.stop();
    }

    public void startPostgres() {
        server.start();
    }

    /**
     * Freezes PostgreSQL (SIGSTOP to the server and its backends): connections stay open and
     * the kernel still accepts new ones, but nothing answers, as with a hung host.
     * {@link #thawPostgres()} lets it go on where it stopped.
     */
    public void freezePostgres() {
        server.signal("STOP");
    }

    public void thawPostgres() {
        server.signal("CONT");
    }

    private void stopOnce() {
        if (stopped.compareAndSet(false, true)) {
            stop();
        }
    }

    private void stop() {
        try {
            redis.stop();
        } catch (IOException | RuntimeException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.toString());
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
        log.info("embedded PostgreSQL and Redis stopped");
    }
}
