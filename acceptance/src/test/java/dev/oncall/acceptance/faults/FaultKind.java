package dev.oncall.acceptance.faults;

/** What goes wrong in a fault run, each as it goes wrong in production. */
public enum FaultKind {
    /** A worker SIGKILLed (OOM killer, lost node) and started again. */
    KILL_WORKER,
    /** A graph-api SIGKILLed and started again; senders meanwhile reach the other one or retry. */
    KILL_API,
    /** Redis stopped, then started again empty on the same port. */
    STOP_REDIS,
    /** PostgreSQL stopped for some seconds, then started again on the same data. */
    STOP_POSTGRES,
    /** A worker frozen with SIGSTOP past its lease TTL (a long GC pause, a paused VM), then SIGCONT. */
    FREEZE_WORKER,
    /**
     * One worker's or graph-api's clock stepped 10–30 s ahead or behind, as NTP steps a clock
     * that drifted (or a VM resumed), and stepped back some seconds later ({@link ClockSteps}).
     */
    CLOCK_STEP,
    /**
     * The tables a worker reads to know whom a step pages locked by another session, so those
     * reads hang for the fault's length ({@link ConfigLock}). Planned only when asked for
     * ({@code -Dfaults.config-lock=true}, {@link PlannedKinds}).
     */
    CONFIG_LOCK
}
