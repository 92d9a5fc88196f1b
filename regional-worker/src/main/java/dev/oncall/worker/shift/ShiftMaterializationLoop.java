package dev.oncall.worker.shift;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the materialization job every poll interval on a thread of its own, so a long pass
 * (every schedule after a restart) never delays anything else the worker does. Not a
 * TaskScheduler bean on purpose: it must not become the scheduler of other features.
 */
public final class ShiftMaterializationLoop implements SmartLifecycle {
    private final ShiftMaterializationJob job;
    private final Duration pollInterval;
    private ThreadPoolTaskScheduler scheduler;

    public ShiftMaterializationLoop(ShiftMaterializationJob job, Duration pollInterval) {
        this.job = job;
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("shift-materialization-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(job::drain, pollInterval);
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
