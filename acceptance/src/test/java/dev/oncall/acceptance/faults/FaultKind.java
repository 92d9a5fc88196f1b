package dev.oncall.acceptance.faults;

/**
 * What goes wrong in a fault run, each as it goes wrong in production. A new kind needs its
 * length planned and its injection written in {@link FaultInjector} (one small method each).
 */
public enum FaultKind {
    /** A worker of either region SIGKILLed (OOM killer, lost node); the fleet starts it again. */
    KILL_WORKER,
    /** A graph-api of either region SIGKILLed; senders meanwhile reach another one or retry. */
    KILL_API,
    /** An auditor SIGKILLed; the fleet starts it again. */
    KILL_AUDITOR,
    /** One region's Redis stopped, then started again empty on the same port. */
    STOP_REDIS,
    /** PostgreSQL stopped for some seconds, then started again on the same data. */
    STOP_POSTGRES,
    /** A worker frozen with SIGSTOP past its lease TTL (a long GC pause, a paused VM), then SIGCONT. */
    FREEZE_WORKER,
    /**
     * Every worker of one region frozen past the adoption grace (a region cut off): the other
     * region's workers adopt its overdue timers; then SIGCONT.
     */
    FREEZE_REGION,
    /**
     * One worker's or graph-api's clock stepped 10–30 s ahead or behind, as NTP steps a clock
     * that drifted (or a VM resumed), and stepped back some seconds later ({@link ClockSteps}).
     */
    CLOCK_STEP,
    /**
     * The tables a worker reads to know whom a step pages locked by another session, so those
     * reads hang for the fault's length ({@link ConfigLock}). Workers page from their snapshot of
     * the configuration meanwhile, so it moves no step's deadline.
     */
    CONFIG_LOCK;

    /**
     * Whether the fault can hold an escalation step back, and so moves the deadline of a step due
     * while it lasts to its end plus the bound. A graph-api or auditor killed fires no timer; a
     * locked configuration is read from the snapshot; a clock step has its own allowance
     * ({@link ClockStepAllowance}).
     */
    boolean delaysEscalation() {
        return switch (this) {
            case KILL_WORKER, FREEZE_WORKER, FREEZE_REGION, STOP_POSTGRES, STOP_REDIS -> true;
            case KILL_API, KILL_AUDITOR, CLOCK_STEP, CONFIG_LOCK -> false;
        };
    }
}
