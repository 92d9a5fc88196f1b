package dev.oncall.worker.escalation;

import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.incident.EscalationFiring;
import dev.oncall.store.incident.EscalationSweep;
import dev.oncall.store.incident.EscalationTimers;
import dev.oncall.platform.periodic.PeriodicTask;
import dev.oncall.store.snapshot.ConfigurationSnapshots;
import dev.oncall.store.snapshot.SnapshotProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.worker.liveness.LivenessProperties;
import dev.oncall.worker.liveness.WorkerLiveness;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the escalation engine and this worker's liveness report; the engine runs with the context. */
@Configuration(proxyBeanMethods = false)
public class EscalationConfiguration {

    @Bean
    public WorkerLiveness workerLiveness(Transactions tx, PlatformProperties store, LivenessProperties liveness,
                                         EscalationProperties escalation, MeterRegistry meters,
                                         ObjectProvider<BuildProperties> build) {
        String host = hostname();
        String id = liveness.workerId().isBlank() ? host + "-" + UUID.randomUUID().toString().substring(0, 8)
                : liveness.workerId();
        String version = build.getIfAvailable() == null ? "" : build.getIfAvailable().getVersion();
        return new WorkerLiveness(tx, id, store.region(), host, version, liveness.interval(),
                escalation.adoptionGrace(), meters);
    }

    @Bean
    public TimerLeases timerLeases(RedisConnections redis, WorkerLiveness liveness, EscalationProperties escalation,
                                   PlatformProperties store) {
        return new TimerLeases(redis, liveness.workerId(), escalation.leaseTtl(), escalation.redisBreaker(),
                store.redis().commandTimeout());
    }

    @Bean
    public TimerDispatcher timerDispatcher(PlatformProperties store, Clock clock, EscalationTimers timers,
                                           EscalationFiring firing, EscalationSweep sweep, TimerLeases leases,
                                           WorkerLiveness liveness, EscalationProperties escalation,
                                           MeterRegistry meters) {
        return new TimerDispatcher(store.region(), clock, timers, firing, sweep, leases, liveness, escalation,
                new EscalationMetrics(meters, store.region(), leases.breaker()));
    }

    /**
     * Keeps this worker's configuration snapshot current (one version read per pass; a reload only
     * when the version moved), so a step can still page when configuration cannot be read.
     */
    @Bean
    @ConditionalOnProperty(prefix = "oncall.escalation", name = "enabled", matchIfMissing = true)
    public PeriodicTask configurationSnapshotRefresh(ConfigurationSnapshots snapshots, SnapshotProperties snapshot) {
        return new PeriodicTask("configuration-snapshot-", snapshot.refresh(), snapshots::refresh);
    }

    @Bean
    public EscalationEngine escalationEngine(TimerDispatcher dispatcher, Clock clock, EscalationProperties escalation) {
        return new EscalationEngine(dispatcher, clock, escalation);
    }

    @Bean(destroyMethod = "close")
    public TimerWakeups timerWakeups(RedisConnections redis, PlatformProperties store, EscalationEngine engine) {
        return new TimerWakeups(redis, store.region(), engine);
    }

    /** Starts the engine once the context is up and stops it gracefully (leases released) on shutdown. */
    @Bean
    public SmartLifecycle escalationLifecycle(EscalationEngine engine, TimerWakeups wakeups,
                                              EscalationProperties escalation) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (escalation.enabled()) {
                    engine.start();
                    wakeups.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                wakeups.close();
                engine.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
