package dev.oncall.store.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.Layers;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.InvitationRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The store's repositories over a fresh database, without Spring: for store-level tests. */
public final class StoreFixture implements AutoCloseable {
    public final HikariDataSource dataSource;
    public final JdbcClient jdbc;
    public final Transactions tx;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final TeamRepository teams;
    public final UserRepository users;
    public final InvitationRepository invitations;
    public final ContactRepository contacts;
    public final Schedules schedules;
    public final ScheduleLoader scheduleLoader;
    public final Layers layers;
    public final Overrides overrides;
    public final CoverRequests coverRequests;
    public final PolicyRepository policies;
    public final ServiceRepository services;

    public StoreFixture(TestInfrastructure infra) {
        this(infra, infra.newDatabaseUrl());
    }

    /** Repositories over an existing database, e.g. the one a Spring Boot test's application uses. */
    public StoreFixture(TestInfrastructure infra, String databaseUrl) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(databaseUrl);
        dataSource.setUsername(infra.username());
        dataSource.setMaximumPoolSize(10);
        dataSource.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        jdbc = JdbcClient.create(dataSource);
        tx = new Transactions(new JdbcTransactionManager(dataSource), jdbc,
                TestInfrastructure.storeProperties("test", "").retry(), meters);
        teams = new TeamRepository(tx);
        users = new UserRepository(tx);
        invitations = new InvitationRepository(tx);
        contacts = new ContactRepository(tx);
        schedules = new Schedules(tx);
        scheduleLoader = new ScheduleLoader(tx);
        layers = new Layers(tx);
        overrides = new Overrides(tx);
        coverRequests = new CoverRequests(tx);
        policies = new PolicyRepository(tx);
        services = new ServiceRepository(tx);
    }

    public int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
