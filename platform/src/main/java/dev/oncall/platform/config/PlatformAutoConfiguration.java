package dev.oncall.platform.config;

import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.DatabaseKind;
import dev.oncall.platform.db.DatabaseMigrator;
import dev.oncall.platform.db.MigratedDatabase;
import dev.oncall.platform.db.SerializableConnections;
import dev.oncall.platform.db.Transactions;
import dev.oncall.platform.redis.RedisConnections;
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
 * What every app runs on: the clock, the migrated database, retrying transactions and the
 * region's Redis. The features' beans come after it ({@code after = PlatformAutoConfiguration}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

    /** The only clock in production; tests replace it with a controllable one. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public MigratedDatabase migratedDatabase(DataSource dataSource, PlatformProperties properties) {
        DatabaseMigrator migrator = new DatabaseMigrator(dataSource, properties);
        DatabaseKind kind = properties.migrations().enabled() ? migrator.migrate() : DatabaseKind.of(dataSource);
        SerializableConnections.require(dataSource);
        return new MigratedDatabase(dataSource, kind);
    }

    @Bean
    public Transactions transactions(MigratedDatabase database, PlatformProperties properties,
                                     ObjectProvider<MeterRegistry> meters) {
        JdbcTransactionManager txManager = new JdbcTransactionManager(database.dataSource());
        return new Transactions(txManager, JdbcClient.create(database.dataSource()), properties.retry(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean(destroyMethod = "close")
    public RedisConnections redisConnections(PlatformProperties properties) {
        return new RedisConnections(properties.redis());
    }
}
