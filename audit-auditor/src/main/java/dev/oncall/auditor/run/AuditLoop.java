package dev.oncall.auditor.run;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** {@code --loop}: runs the audit every interval in a long-lived process (local runs, not the CronJob). */
public final class AuditLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditLoop.class);

    private final Auditor auditor;
    private final Duration interval;
    private ThreadPoolTaskScheduler scheduler;

    public AuditLoop(Auditor auditor, Duration interval) {
        this.auditor = auditor;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("audit-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::runSafely, interval);
    }

    private void runSafely() {
        try {
            auditor.runOnce();
        } catch (RuntimeException e) {
            log.error("audit run failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
