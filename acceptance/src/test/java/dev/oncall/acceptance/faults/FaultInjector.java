package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.Poll;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded random schedule of faults, injected while the load runs: the same seed plans the same
 * kinds, targets, times and durations. Faults may overlap (a worker killed while Redis is down),
 * except that a server already down is not stopped again and a frozen worker is not chosen.
 */
final class FaultInjector {
    /** The workers' lease TTL (oncall.escalation.lease-ttl's default): a freeze lasts longer. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(15);

    /** One planned fault: when after the start, what, which slot (index among its role), how long. */
    record Planned(Duration at, FaultKind kind, int target, Duration length) {}

    private final Fleet fleet;
    private final EmbeddedInfrastructure infra;
    private final List<Fault> injected = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fault-injector").daemon().factory());
    private final AtomicInteger settled = new java.util.concurrent.atomic.AtomicInteger();
    private int planned;
    private boolean postgresDown;
    private boolean redisDown;

    FaultInjector(Fleet fleet, EmbeddedInfrastructure infra) {
        this.fleet = fleet;
        this.infra = infra;
    }

    /**
     * {@code count} faults spread over {@code load}: every kind once before any repeats (in a
     * seeded order), so even the short run sees each; each at a seeded time in its share of the run.
     */
    static List<Planned> plan(long seed, Duration load, int count, int workers, int apis) {
        Random random = new Random(seed);
        List<FaultKind> planned = PlannedKinds.fromSystemProperties();
        List<FaultKind> kinds = new ArrayList<>(planned);
        Collections.shuffle(kinds, random);
        long share = load.toMillis() / Math.max(1, count);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FaultKind kind = i < kinds.size() ? kinds.get(i) : planned.get(random.nextInt(planned.size()));
            Duration at = Duration.ofMillis(i * share + (long) (random.nextDouble() * share * 0.5));
            Duration length = switch (kind) {
                case KILL_WORKER, KILL_API -> Duration.ZERO;
                case STOP_REDIS -> Duration.ofSeconds(5 + random.nextInt(11));
                case STOP_POSTGRES -> Duration.ofSeconds(5 + random.nextInt(16));
                case FREEZE_WORKER -> LEASE_TTL.plusSeconds(5 + random.nextInt(11));
                case CLOCK_STEP -> ClockSteps.length(random);
                case CONFIG_LOCK -> ConfigLock.length(load);
            };
            int target = random.nextInt(switch (kind) {
                case KILL_API -> apis;
                case CLOCK_STEP -> workers + apis;
                default -> workers;
            });
            plan.add(new Planned(at, kind, target, length));
        }
        return plan;
    }

    /** Schedules every planned fault from now on. */
    void start(List<Planned> plan) {
        planned = plan.size();
        for (Planned p : plan) {
            runner.schedule(() -> inject(p), p.at().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void inject(Planned p) {
        try {
            Instant start = Instant.now();
            switch (p.kind()) {
                case KILL_WORKER, KILL_API -> {
                    List<Fleet.Slot> slots = fleet.of(p.kind() == FaultKind.KILL_API ? Fleet.Role.API : Fleet.Role.WORKER);
                    Fleet.Slot slot = slots.get(p.target() % slots.size());
                    fleet.killAndRestart(slot);
                    done(p.kind(), slot.name(), start);
                }
                case STOP_REDIS -> {
                    if (redisDown) {
                        notes.add("skipped " + p + ": Redis is already down");
                        settled.incrementAndGet();
                        return;
                    }
                    redisDown = true;
                    infra.stopRedis();
                    runner.schedule(() -> heal(() -> {
                        infra.startRedis();
                        redisDown = false;
                    }, FaultKind.STOP_REDIS, "redis", start), p.length().toMillis(), TimeUnit.MILLISECONDS);
                }
                case STOP_POSTGRES -> {
                    if (postgresDown) {
                        notes.add("skipped " + p + ": PostgreSQL is already down");
                        settled.incrementAndGet();
                        return;
                    }
                    postgresDown = true;
                    infra.stopPostgres();
                    runner.schedule(() -> heal(() -> {
                        infra.startPostgres();
                        postgresDown = false;
                    }, FaultKind.STOP_POSTGRES, "postgresql", start), p.length().toMillis(), TimeUnit.MILLISECONDS);
                }
                case FREEZE_WORKER -> {
                    List<Fleet.Slot> workers = fleet.of(Fleet.Role.WORKER);
                    Fleet.Slot slot = workers.get(p.target() % workers.size());
                    fleet.freeze(slot);
                    runner.schedule(() -> heal(() -> fleet.thaw(slot), FaultKind.FREEZE_WORKER, slot.name(), start),
                            p.length().toMillis(), TimeUnit.MILLISECONDS);
                }
                // Clock steps and configuration locks (ClockSteps, ConfigLock).
                case CLOCK_STEP -> {
                    Fleet.Slot slot = ClockSteps.target(fleet, p.target());
                    Duration skew = ClockSteps.skew(p);
                    ClockSteps.step(slot, skew);
                    notes.add(slot.name() + "'s clock stepped " + skew.toSeconds() + " s for " + p.length().toSeconds() + " s");
                    runner.schedule(() -> heal(() -> ClockSteps.step(slot, Duration.ZERO), FaultKind.CLOCK_STEP,
                            slot.name(), start, skew), p.length().toMillis(), TimeUnit.MILLISECONDS);
                }
                case CONFIG_LOCK -> {
                    if (postgresDown) {
                        notes.add("skipped " + p + ": PostgreSQL is down");
                        settled.incrementAndGet();
                        return;
                    }
                    ConfigLock lock = ConfigLock.take(infra);
                    runner.schedule(() -> heal(lock::close, FaultKind.CONFIG_LOCK, "configuration tables", start),
                            p.length().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException | Error e) {
            notes.add("injecting " + p + " failed: " + e);
            settled.incrementAndGet();
        }
    }

    private void heal(Runnable heal, FaultKind kind, String target, Instant start) {
        heal(heal, kind, target, start, Duration.ZERO);
    }

    private void heal(Runnable heal, FaultKind kind, String target, Instant start, Duration skew) {
        try {
            heal.run();
            done(kind, target, start, skew);
        } catch (RuntimeException | Error e) {
            notes.add("healing " + kind + " of " + target + " failed: " + e);
            settled.incrementAndGet();
        }
    }

    private void done(FaultKind kind, String target, Instant start) {
        done(kind, target, start, Duration.ZERO);
    }

    private void done(FaultKind kind, String target, Instant start, Duration skew) {
        injected.add(new Fault(kind, target, start, Instant.now(), skew));
        settled.incrementAndGet();
        fleet.reviveDead().forEach(name -> notes.add(name + " exited during " + kind + " and was started again"));
    }

    /** Waits for every planned fault to be injected and healed; returns what was injected. */
    List<Fault> finish(Duration timeout) {
        Poll.until("every fault injected and healed", timeout, () -> settled.get() >= planned);
        runner.shutdown();
        fleet.reviveDead().forEach(name -> notes.add(name + " had exited and was started again at the end"));
        return List.copyOf(injected);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
