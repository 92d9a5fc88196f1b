package dev.oncall.acceptance.faults;

import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Configuration reads hanging: a session of the test takes {@code ACCESS EXCLUSIVE} locks on the
 * tables a worker reads to decide whom a step pages, holds them for the fault's length and rolls
 * back. Every read of them waits meanwhile: the apps set no lock timeout, so a worker's statement
 * waits until the lock goes or its connection's 60 s socket timeout ends it (graph-api's is 5 s,
 * but its ingest path reads none of these tables).
 *
 * <p>The tables are exactly those of a step's recipients and not one that graph-api's ingest
 * path reads or references: ingest reads {@code integration_keys} and {@code services} (and its
 * ack timeout), writes alerts, incidents, events and timers, and inserting an incident checks
 * its foreign keys to {@code services}, {@code teams} and {@code escalation_policies}, which a
 * lock would block as surely as a read. So the policy's header stays readable and its steps do
 * not; {@code contact_methods} (the page's attempts reference them), {@code users} (no step reads it) and {@code shifts} (the on-call lookup evaluates the
 * schedule itself; the materialized shifts are the auditor's) stay readable too.
 */
final class ConfigLock implements AutoCloseable {
    static final List<String> TABLES = List.of(
            // the policy's steps and their targets (PolicyRepository, read when a timer fires)
            "escalation_steps", "escalation_step_targets",
            // who is on call on a schedule target (ScheduleLoader; the cache checks config_version first)
            "schedules", "rotation_layers", "layer_participants", "overrides", "coverage_requests",
            // a team target's members
            "team_members",
            // each person's notification rules (their contact methods stay readable: the page's own
            // notification_attempts reference them, and a foreign-key check waits on the lock as a read does)
            "notification_rules");

    private final Connection connection;

    private ConfigLock(Connection connection) {
        this.connection = connection;
    }

    /** How long the lock is held: {@code -Dfaults.config-lock-seconds}, else 60 s in a run of 5 minutes or more, 20 s in a shorter one. */
    static Duration length(Duration load) {
        long fallback = load.compareTo(Duration.ofMinutes(5)) >= 0 ? 60 : 20;
        return Duration.ofSeconds(Long.getLong("faults.config-lock-seconds", fallback));
    }

    /**
     * Longest wait for the transactions that hold the tables to end. Bounded because one of them
     * may be a frozen worker's, whose thaw is scheduled behind this very fault: unbounded, the
     * 30-minute run waited for it forever after 13 of its 200 faults.
     */
    static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    /** Takes the locks (waiting up to {@link #LOCK_WAIT} for transactions that hold them) and keeps them until closed. */
    static ConfigLock take(EmbeddedInfrastructure db) {
        try {
            Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
                    s.execute("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE");
                }
                return new ConfigLock(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the configuration tables", e);
        }
    }

    /** Rolls back, so the tables are as they were; a database restarted meanwhile has already released them. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException lostWithTheDatabase) {
            // The session ended with a PostgreSQL outage: its locks went with it.
        }
    }
}
