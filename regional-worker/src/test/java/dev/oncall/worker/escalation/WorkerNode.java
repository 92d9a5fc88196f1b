package dev.oncall.worker.escalation;

import com.zaxxer.hikari.HikariDataSource;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.incident.EscalationFiring;
import dev.oncall.store.incident.EscalationSweep;
import dev.oncall.store.incident.EscalationTimers;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.incident.PageResolver;
import dev.oncall.store.snapshot.ConfigurationSnapshots;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.worker.liveness.WorkerLiveness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * One regional worker as a process would have it: its own connection pool, its own Redis
 * connection, its own meters and engine. {@link #kill()} drops it like SIGKILL would.
 */
final class WorkerNode implements AutoCloseable {
    static final EscalationProperties SETTINGS = new EscalationProperties(true, Duration.ofMinutes(2),
            Duration.ofSeconds(1), 5000, 4, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(30),
            new EscalationProperties.RedisBreaker(50, 4, Duration.ofMillis(500)), 1000);

    final String id;
    final String region;
    final HikariDataSource dataSource;
    final RedisConnections redis;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WorkerLiveness liveness;
    final TimerLeases leases;
    final EscalationMetrics metrics;
    final TimerDispatcher dispatcher;
    final EscalationEngine engine;
    /** Lease renewals while the test drives passes itself: they follow real time, like Redis's expiry. */
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("test-renewals-", 0).daemon().factory());

    WorkerNode(String jdbcUrl, String id, String region, Clock clock, EscalationProperties settings) {
        this(jdbcUrl, TestInfrastructure.get().username(), TestInfrastructure.get().redisUrl(), id, region, clock,
                settings);
    }

    /** A worker on given servers: how {@link WorkerProcess} builds one in a JVM of its own. */
    WorkerNode(String jdbcUrl, String username, String redisUrl, String id, String region, Clock clock,
               EscalationProperties settings) {
        this.id = id;
        this.region = region;
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername(username);
        // A sweeping thread holds two connections: its batch's, and the bounded configuration read's.
        dataSource.setMaximumPoolSize(2 * settings.fireThreads() + 2);
        dataSource.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        Transactions tx = new Transactions(new JdbcTransactionManager(dataSource), JdbcClient.create(dataSource),
                TestInfrastructure.storeProperties(region, "").retry(), meters);
        redis = new RedisConnections(TestInfrastructure.storeProperties(region, redisUrl).redis());
        DirectOnCallLookup onCall = new DirectOnCallLookup(new ScheduleLoader(tx));
        IncidentEventPublisher publisher = new IncidentEventPublisher(redis);
        PageResolver resolver = new PageResolver(tx, onCall,
                new ConfigurationSnapshots(tx, clock, Duration.ofHours(6), 500_000, meters), Duration.ofSeconds(3), meters);
        EscalationFiring firing = new EscalationFiring(tx, clock, resolver, publisher);
        liveness = new WorkerLiveness(tx, id, region, "test-host", "test", Duration.ofSeconds(5),
                settings.adoptionGrace(), meters);
        leases = new TimerLeases(redis, id, settings.leaseTtl(), settings.redisBreaker(), Duration.ofSeconds(2));
        metrics = new EscalationMetrics(meters, region, leases.breaker());
        dispatcher = new TimerDispatcher(region, clock, new EscalationTimers(tx), firing,
                new EscalationSweep(tx, clock, resolver, publisher), leases, liveness, settings, metrics);
        engine = new EscalationEngine(dispatcher, clock, settings);
        long period = settings.leaseRenewal().toMillis();
        renewals.scheduleAtFixedRate(() -> dispatcher.held().renew(), period, period, TimeUnit.MILLISECONDS);
    }

    WorkerNode(String jdbcUrl, String id, String region, Clock clock) {
        this(jdbcUrl, id, region, clock, SETTINGS);
    }

    /** Runs the engine on its own threads, as the worker does (its renewals replace the test's). */
    void start() {
        renewals.shutdownNow();
        engine.start();
    }

    /** One pass with a full poll, waited for; how many timers paged, exhausted or re-triggered. */
    int runOnce() {
        return EscalationDriver.runOnce(dispatcher);
    }

    int held() {
        return dispatcher.held().size();
    }

    double claims(String mode) {
        return metrics.count("oncall.timer.claims", "mode", mode);
    }

    long fired() {
        return metrics.lateness().count();
    }

    /** Dies without a word: no lease released, no transaction finished, connections dropped. */
    void kill() {
        renewals.shutdownNow();
        redis.close();
        dataSource.close();
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        engine.stop();
        redis.close();
        dataSource.close();
    }
}
