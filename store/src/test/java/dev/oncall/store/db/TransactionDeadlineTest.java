package dev.oncall.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.platform.db.DatabaseUnavailable;
import dev.oncall.platform.db.Deadline;
import dev.oncall.platform.db.DeadlinePassed;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Work that outlives its deadline is rolled back, not committed late: the sender was told (or
 * will assume) that nothing was recorded, and has retried.
 */
@ExtendWith(WithInfrastructure.class)
class TransactionDeadlineTest {

    @Test
    void workStillRunningAtItsDeadlineIsRolledBackAndReadsAsUnavailable(TestInfrastructure infra) {
        var ds = new SingleConnectionDataSource(infra.newDatabaseUrl(), infra.username(), "", true);
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("CREATE TABLE recorded (name TEXT PRIMARY KEY)").update();
        Transactions tx = new Transactions(new JdbcTransactionManager(ds), jdbc,
                TestInfrastructure.storeProperties("test", "").retry(), new SimpleMeterRegistry());

        Deadline deadline = Deadline.in(Duration.ofMillis(200));
        assertThatThrownBy(() -> tx.writeBefore("slow", deadline, db -> {
            db.sql("INSERT INTO recorded VALUES ('late')").update();
            // A database that answers slowly (a storm, a failover): the work ends past its deadline.
            return db.sql("SELECT pg_sleep(0.5)").query().listOfRows();
        })).isInstanceOf(DeadlinePassed.class).satisfies(e -> assertThat(DatabaseUnavailable.isCause(e)).isTrue());
        assertThat(jdbc.sql("SELECT count(*) FROM recorded").query(Long.class).single()).isZero();

        int inserted = tx.writeBefore("quick", Deadline.in(Duration.ofSeconds(30)),
                db -> db.sql("INSERT INTO recorded VALUES ('in time')").update());
        assertThat(inserted).isEqualTo(1);
        assertThatThrownBy(() -> tx.writeBefore("too late to start", deadline,
                db -> db.sql("INSERT INTO recorded VALUES ('never')").update())).isInstanceOf(DeadlinePassed.class);
        assertThat(jdbc.sql("SELECT name FROM recorded").query(String.class).list()).containsExactly("in time");
        ds.destroy();
    }
}
