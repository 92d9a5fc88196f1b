package dev.oncall.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Every transaction must be SERIALIZABLE (exactly-once rests on it), and the connections
 * guarantee it: the pool sets the level on each connection it opens, or the database defaults
 * to it (CockroachDB always). {@link Transactions} therefore does not ask for the level per
 * transaction, which would cost a round trip each time (the driver queries the current level
 * before every change); this check, once at startup, is what makes that safe.
 */
public final class SerializableConnections {
    private SerializableConnections() {}

    /** @throws IllegalStateException when the data source hands out connections at a weaker level */
    public static void require(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            int level = c.getTransactionIsolation();
            if (level != Connection.TRANSACTION_SERIALIZABLE) {
                throw new IllegalStateException("database connections must be SERIALIZABLE, got JDBC isolation level "
                        + level + ": set spring.datasource.hikari.transaction-isolation=TRANSACTION_SERIALIZABLE"
                        + " (the default) or the database's default_transaction_isolation to serializable");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
