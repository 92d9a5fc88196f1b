package dev.oncall.worker.shift;

import dev.oncall.platform.db.Transactions;
import dev.oncall.store.shift.ShiftMaterializations;
import dev.oncall.platform.periodic.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires shift materialization into the worker and runs it every poll interval. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShiftMaterializationProperties.class)
public class ShiftMaterializationConfiguration {

    @Bean
    public ShiftMaterializations shiftMaterializations(Transactions tx, ShiftMaterializationProperties properties) {
        return new ShiftMaterializations(tx, properties.horizon(), properties.refreshAfter(), properties.lease());
    }

    @Bean
    public ShiftMaterializationJob shiftMaterializationJob(ShiftMaterializations materializations, Clock clock,
                                                           ShiftMaterializationProperties properties,
                                                           ObjectProvider<MeterRegistry> meters) {
        String owner = "worker/" + System.getenv().getOrDefault("HOSTNAME", "local") + "/" + UUID.randomUUID();
        return new ShiftMaterializationJob(materializations, clock, owner, properties.batchSize(),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnProperty(prefix = "oncall.shifts", name = "enabled", matchIfMissing = true)
    public PeriodicTask shiftMaterializationLoop(ShiftMaterializationJob job, ShiftMaterializationProperties properties) {
        return new PeriodicTask("shift-materialization-", properties.pollInterval(), job::drain);
    }
}
