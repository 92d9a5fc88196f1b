package dev.oncall.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.platform.db.DatabaseUnavailable;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached now" (503, UNAVAILABLE) and which do not (500, or a retry). */
class DatabaseUnavailableTest {
    @Test
    void noConnectionWithinThePoolsWaitIsUnavailable() {
        // What Hikari throws at connection-timeout, as Spring's transaction manager wraps it.
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
    }

    @Test
    void aLostOrRefusedConnectionAndAServerShuttingDownAreUnavailable() {
        for (PSQLState state : new PSQLState[] {PSQLState.CONNECTION_FAILURE, PSQLState.CONNECTION_UNABLE_TO_CONNECT}) {
            assertThat(DatabaseUnavailable.isCause(new RuntimeException(new PSQLException("io", state)))).as(state.name()).isTrue();
        }
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.isCause(new SQLException("shutting down", state))).as(state).isTrue();
        }
    }

    @Test
    void aFailedRollbackOnTheLostConnectionStillTellsWhyTheWorkFailed() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE));
        assertThat(DatabaseUnavailable.isCause(rollback)).isTrue();
    }

    @Test
    void conflictsRefusalsAndOtherNetworkFailuresAreNot() {
        assertThat(DatabaseUnavailable.isCause(new SQLException("could not serialize", "40001"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        // A webhook or provider call that cannot connect is not the database.
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(new ConnectException("refused")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
    }
}
