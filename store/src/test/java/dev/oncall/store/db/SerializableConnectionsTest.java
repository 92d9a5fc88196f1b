package dev.oncall.store.db;

import dev.oncall.platform.db.SerializableConnections;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class SerializableConnectionsTest {

    @Test
    void aPoolHandingOutWeakerConnectionsStopsStartup(TestInfrastructure infra) {
        try (HikariDataSource weak = pool(infra, "TRANSACTION_READ_COMMITTED");
             HikariDataSource strict = pool(infra, "TRANSACTION_SERIALIZABLE")) {
            assertThatThrownBy(() -> SerializableConnections.require(weak))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must be SERIALIZABLE")
                    .hasMessageContaining("spring.datasource.hikari.transaction-isolation");
            assertThatCode(() -> SerializableConnections.require(strict)).doesNotThrowAnyException();
        }
    }

    private static HikariDataSource pool(TestInfrastructure infra, String isolation) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(infra.newDatabaseUrl());
        ds.setUsername(infra.username());
        ds.setMaximumPoolSize(1);
        ds.setTransactionIsolation(isolation);
        return ds;
    }
}
