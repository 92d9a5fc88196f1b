package dev.oncall.store.version;

import dev.oncall.platform.db.Transactions;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one version number of the configuration paging reads (teams, people, their contact
 * methods and notification rules, schedules and their layers, overrides and cover requests,
 * escalation policies, services). Every write to those tables bumps it in its own transaction,
 * so a worker's configuration snapshot is reloaded exactly when something it holds may have
 * changed, and never otherwise ({@code ConfigurationVersionGuardTest} finds writes that forget).
 *
 * <p>Why not triggers: the schema has none, CockroachDB has no statement-level triggers, and
 * its row-level ones would bump once per row written. Why not max(updated_at) and counts:
 * most of these tables have no updated_at, and an update keeps the count.
 */
public final class ConfigurationVersion {
    private ConfigurationVersion() {}

    /** Bumps the version inside the caller's transaction (commits or rolls back with the change). */
    public static void bump(JdbcClient db) {
        db.sql("UPDATE configuration_version SET version = version + 1, updated_at = now() WHERE id = 1").update();
    }

    /** The current version (one primary-key read). */
    public static long read(JdbcClient db) {
        return db.sql("SELECT version FROM configuration_version WHERE id = 1").query(Long.class).single();
    }

    /** Runs a configuration change in a write transaction that also bumps the version. */
    public static <T> T write(Transactions tx, String name, Function<JdbcClient, T> work) {
        return tx.write(name, db -> {
            T result = work.apply(db);
            bump(db);
            return result;
        });
    }
}
