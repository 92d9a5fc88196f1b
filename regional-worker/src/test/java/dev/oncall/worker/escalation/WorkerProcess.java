package dev.oncall.worker.escalation;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A regional worker in a JVM of its own, on the system clock, so a test can kill it with
 * SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook runs, no lease is released, its
 * connections just drop. Arguments: JDBC URL, database user, Redis URL, worker id, region.
 * Prints {@value #READY} once it polls and listens for wake-ups.
 */
final class WorkerProcess {
    static final String READY = "worker ready";

    private WorkerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        WorkerNode node = new WorkerNode(args[0], args[1], args[2], args[3], args[4], Clock.systemUTC(),
                WorkerNode.SETTINGS);
        node.start();
        new TimerWakeups(node.redis, node.region, node.engine).start();
        System.out.println(READY);
        System.out.flush();
        // Runs until killed.
        new CountDownLatch(1).await();
    }
}
