package dev.oncall.platform.periodic;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs one job with a fixed delay on a thread of its own, so a long pass (every schedule after
 * a restart) never delays anything else the app does. Not a TaskScheduler bean on purpose:
 * it must not become the scheduler of other features.
 */
public final class PeriodicTask implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration delay;
    private final Runnable job;
    private ThreadPoolTaskScheduler scheduler;

    public PeriodicTask(String name, Duration delay, Runnable job) {
        this.name = name;
        this.delay = delay;
        this.job = job;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix(name);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::runSafely, delay);
    }

    private void runSafely() {
        try {
            job.run();
        } catch (RuntimeException e) {
            // The next pass retries; a thrown exception would cancel the schedule for good.
            log.warn("{} pass failed: {}", name, e.toString());
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
