package dev.oncall.store.db;

import dev.oncall.platform.db.Transactions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import com.zaxxer.hikari.HikariDataSource;

@ExtendWith(WithInfrastructure.class)
class TransactionsRetryTest {

    @Test
    void concurrentConflictingTransactionsAllCompleteWithCorrectTotals(TestInfrastructure infra) throws Exception {
        try (HikariDataSource ds = pool(infra)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            jdbc.sql("CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)").update();
            jdbc.sql("INSERT INTO counters VALUES ('a', 0), ('b', 0)").update();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            Transactions tx = new Transactions(new JdbcTransactionManager(ds), jdbc,
                    TestInfrastructure.storeProperties("test", "").retry(), meters);

            int threads = 8;
            int perThread = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Read-modify-write of two rows: a classic write skew that SERIALIZABLE
                        // refuses with 40001, so only retries make every transfer land.
                        tx.write("transfer", db -> {
                            long a = db.sql("SELECT value FROM counters WHERE name = 'a'").query(Long.class).single();
                            long b = db.sql("SELECT value FROM counters WHERE name = 'b'").query(Long.class).single();
                            db.sql("UPDATE counters SET value = ? WHERE name = 'a'").param(a + 1).update();
                            db.sql("UPDATE counters SET value = ? WHERE name = 'b'").param(b + 2).update();
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(jdbc.sql("SELECT value FROM counters WHERE name = 'a'").query(Long.class).single())
                    .isEqualTo((long) threads * perThread);
            assertThat(jdbc.sql("SELECT value FROM counters WHERE name = 'b'").query(Long.class).single())
                    .isEqualTo(2L * threads * perThread);
            assertThat(meters.counter("oncall.tx.retries", "tx", "transfer").count())
                    .as("conflicts happened and were retried").isPositive();
            assertThat(meters.find("oncall.tx.exhausted").counter()).isNull();
        }
    }

    @Test
    void aFailureThatIsNotASerializationConflictIsNotRetried(TestInfrastructure infra) {
        var ds = new SingleConnectionDataSource(infra.newDatabaseUrl(), infra.username(), "", true);
        JdbcClient jdbc = JdbcClient.create(ds);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Transactions tx = new Transactions(new JdbcTransactionManager(ds), jdbc,
                TestInfrastructure.storeProperties("test", "").retry(), meters);
        int[] calls = {0};

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.write("broken", db -> {
            calls[0]++;
            return db.sql("SELECT * FROM no_such_table").query().listOfRows();
        })).hasMessageContaining("no_such_table");
        assertThat(calls[0]).isEqualTo(1);
        assertThat(meters.find("oncall.tx.retries").counter()).isNull();
        ds.destroy();
    }

    private static HikariDataSource pool(TestInfrastructure infra) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(infra.newDatabaseUrl());
        ds.setUsername(infra.username());
        ds.setMaximumPoolSize(10);
        ds.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        return ds;
    }
}
