package dev.oncall.store.config;

import dev.oncall.store.db.DatabaseKind;
import dev.oncall.store.db.DatabaseMigrator;
import dev.oncall.store.db.SerializableConnections;
import dev.oncall.store.db.Transactions;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.redis.RedisConnections;
import dev.oncall.store.schedule.ScheduleRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.InvitationRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What every app gets from the store: the clock, the migrated database, retrying
 * transactions, the configuration repositories and the region's Redis.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {

    /** The only clock in production; tests replace it with a controllable one. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public MigratedDatabase migratedDatabase(DataSource dataSource, StoreProperties properties) {
        DatabaseMigrator migrator = new DatabaseMigrator(dataSource, properties);
        DatabaseKind kind = properties.migrations().enabled() ? migrator.migrate() : DatabaseKind.of(dataSource);
        SerializableConnections.require(dataSource);
        return new MigratedDatabase(dataSource, kind);
    }

    @Bean
    public Transactions transactions(MigratedDatabase database, StoreProperties properties,
                                     ObjectProvider<MeterRegistry> meters) {
        JdbcTransactionManager txManager = new JdbcTransactionManager(database.dataSource());
        return new Transactions(txManager, JdbcClient.create(database.dataSource()), properties.retry(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public TeamRepository teamRepository(Transactions tx) {
        return new TeamRepository(tx);
    }

    @Bean
    public UserRepository userRepository(Transactions tx) {
        return new UserRepository(tx);
    }

    @Bean
    public InvitationRepository invitationRepository(Transactions tx) {
        return new InvitationRepository(tx);
    }

    @Bean
    public ContactRepository contactRepository(Transactions tx) {
        return new ContactRepository(tx);
    }

    @Bean
    public ScheduleRepository scheduleRepository(Transactions tx) {
        return new ScheduleRepository(tx);
    }

    @Bean
    public PolicyRepository policyRepository(Transactions tx) {
        return new PolicyRepository(tx);
    }

    @Bean
    public ServiceRepository serviceRepository(Transactions tx) {
        return new ServiceRepository(tx);
    }

    /** Replaced by the cached lookup where one is configured. */
    @Bean
    @ConditionalOnMissingBean
    public OnCallLookup onCallLookup(ScheduleRepository schedules) {
        return new DirectOnCallLookup(schedules);
    }

    @Bean(destroyMethod = "close")
    public RedisConnections redisConnections(StoreProperties properties) {
        return new RedisConnections(properties.redis());
    }
}
