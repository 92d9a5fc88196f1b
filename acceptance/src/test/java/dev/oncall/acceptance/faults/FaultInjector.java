package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.Poll;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded random schedule of faults, injected while the load runs: the same seed plans the same
 * kinds, targets, times and durations. Faults may overlap (a worker killed while Redis is down),
 * except that a server already down is not stopped again and a frozen worker is not chosen.
 *
 * <p>Injections and heals run one at a time on the injector's thread (so "is it down?" needs no
 * lock); waiting for a killed process to be ready again runs beside it, so a slow restart never
 * holds up the next fault or a heal.
 */
final class FaultInjector {
    /** The workers' lease TTL (oncall.escalation.lease-ttl's default): a worker's freeze lasts longer. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(15);
    /** Faults start in the load but not in its last part (at most this long), so they heal while it still runs. */
    private static final Duration QUIET_TAIL = Duration.ofSeconds(25);

    /**
     * One planned fault: when after the start, what, which target (a seeded number, taken modulo
     * the candidates there are when it is injected), how long.
     */
    record Planned(Duration at, FaultKind kind, int target, Duration length) {}

    private final Fleet fleet;
    private final EmbeddedInfrastructure postgres;
    private final List<RegionRedis> redis;
    private final List<String> regions;
    private final List<Fault> injected = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fault-injector").daemon().factory());
    private final AtomicInteger settled = new AtomicInteger();
    private int planned;
    private boolean postgresDown;
    private final Set<String> redisDown = new HashSet<>();

    FaultInjector(Fleet fleet, EmbeddedInfrastructure postgres, List<RegionRedis> redis) {
        this.fleet = fleet;
        this.postgres = postgres;
        this.redis = List.copyOf(redis);
        this.regions = this.redis.stream().map(RegionRedis::region).toList();
    }

    /**
     * {@code count} random faults spread over the load but its quiet tail: every kind once before
     * any repeats (in a seeded order), so even the short run sees each; each at a seeded time in
     * its share. With a {@code postgresOutage}, PostgreSQL is stopped that long in the middle of the
     * load, and no random fault stops it.
     */
    static List<Planned> plan(long seed, Duration load, int count, Duration adoptionGrace, Duration postgresOutage) {
        Random random = new Random(seed);
        List<FaultKind> kinds = new ArrayList<>(PlannedKinds.fromSystemProperties());
        if (postgresOutage.isPositive()) {
            kinds.remove(FaultKind.STOP_POSTGRES);
        }
        List<FaultKind> everyKind = new ArrayList<>(kinds);
        Collections.shuffle(everyKind, random);
        Duration quiet = load.dividedBy(3).compareTo(QUIET_TAIL) < 0 ? load.dividedBy(3) : QUIET_TAIL;
        long share = load.minus(quiet).toMillis() / Math.max(1, count);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count && !kinds.isEmpty(); i++) {
            FaultKind kind = i < everyKind.size() ? everyKind.get(i) : kinds.get(random.nextInt(kinds.size()));
            Duration at = Duration.ofMillis(i * share + (long) (random.nextDouble() * share * 0.5));
            plan.add(new Planned(at, kind, random.nextInt(1000), length(kind, random, adoptionGrace, load)));
        }
        if (postgresOutage.isPositive()) {
            Duration at = load.minus(postgresOutage).dividedBy(2);
            plan.add(new Planned(at.isNegative() ? Duration.ZERO : at, FaultKind.STOP_POSTGRES, 0, postgresOutage));
        }
        return plan;
    }

    private static Duration length(FaultKind kind, Random random, Duration adoptionGrace, Duration load) {
        return switch (kind) {
            case KILL_WORKER, KILL_API, KILL_AUDITOR -> Duration.ZERO;
            case STOP_REDIS -> Duration.ofSeconds(5 + random.nextInt(11));
            case STOP_POSTGRES -> Duration.ofSeconds(5 + random.nextInt(16));
            case FREEZE_WORKER -> LEASE_TTL.plusSeconds(5 + random.nextInt(11));
            case FREEZE_REGION -> adoptionGrace.plusSeconds(5 + random.nextInt(6));
            case CLOCK_STEP -> ClockSteps.length(random);
            case CONFIG_LOCK -> ConfigLock.length(load);
        };
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
            switch (p.kind()) {
                case KILL_WORKER -> kill(p, Fleet.Role.WORKER);
                case KILL_API -> kill(p, Fleet.Role.API);
                case KILL_AUDITOR -> kill(p, Fleet.Role.AUDITOR);
                case STOP_REDIS -> stopRedis(p);
                case STOP_POSTGRES -> stopPostgres(p);
                case FREEZE_WORKER -> freezeWorker(p);
                case FREEZE_REGION -> freezeRegion(p);
                case CLOCK_STEP -> stepClock(p);
                case CONFIG_LOCK -> lockConfiguration(p);
            }
        } catch (RuntimeException | Error e) {
            skip(p, "injecting it failed: " + e);
        }
    }

    /** SIGKILL; the fault lasts until the fleet has the process running and ready again. */
    private void kill(Planned p, Fleet.Role role) {
        List<Fleet.Slot> candidates = fleet.of(role).stream().filter(s -> !s.frozen()).toList();
        if (candidates.isEmpty()) {
            skip(p, "every " + role + " is frozen");
            return;
        }
        Fleet.Slot slot = candidates.get(p.target() % candidates.size());
        String name = slot.name();
        Instant start = Instant.now();
        fleet.kill(slot);
        Thread.ofVirtual().name("await-" + name).start(() -> {
            if (!fleet.awaitReady(slot, Fleet.START)) {
                notes.add(name + " was not ready again " + Fleet.START.toSeconds() + " s after it was killed");
            }
            done(p.kind(), name, start);
        });
    }

    private void stopRedis(Planned p) {
        RegionRedis server = redis.get(p.target() % redis.size());
        if (!redisDown.add(server.region())) {
            skip(p, server.region() + "'s Redis is already down");
            return;
        }
        Instant start = Instant.now();
        server.stop().run();
        heal(p, () -> {
            server.start().run();
            redisDown.remove(server.region());
        }, "redis of " + server.region(), start);
    }

    private void stopPostgres(Planned p) {
        if (postgresDown) {
            skip(p, "PostgreSQL is already down");
            return;
        }
        postgresDown = true;
        Instant start = Instant.now();
        postgres.stopPostgres();
        heal(p, () -> {
            postgres.startPostgres();
            postgresDown = false;
        }, "postgresql", start);
    }

    private void freezeWorker(Planned p) {
        List<Fleet.Slot> candidates = fleet.of(Fleet.Role.WORKER).stream().filter(s -> !s.frozen()).toList();
        if (candidates.isEmpty()) {
            skip(p, "every worker is frozen already");
            return;
        }
        Fleet.Slot slot = candidates.get(p.target() % candidates.size());
        String name = slot.name();
        Instant start = Instant.now();
        fleet.freeze(slot);
        heal(p, () -> fleet.thaw(slot), name, start);
    }

    /** Freezes every worker of a region not frozen already, and lets the same ones go. */
    private void freezeRegion(Planned p) {
        String region = regions.get(p.target() % regions.size());
        List<Fleet.Slot> workers = fleet.of(Fleet.Role.WORKER, region).stream().filter(s -> !s.frozen()).toList();
        if (workers.isEmpty()) {
            skip(p, "every worker of " + region + " is frozen already");
            return;
        }
        String target = region + " " + workers.stream().map(Fleet.Slot::name).toList();
        Instant start = Instant.now();
        workers.forEach(fleet::freeze);
        heal(p, () -> workers.forEach(fleet::thaw), target, start);
    }

    /** One worker's or graph-api's clock stepped ahead or behind, and back ({@link ClockSteps}). */
    private void stepClock(Planned p) {
        Fleet.Slot slot = ClockSteps.target(fleet, p.target());
        String name = slot.name();
        Duration skew = ClockSteps.skew(p);
        Instant start = Instant.now();
        ClockSteps.step(slot, skew);
        notes.add(name + "'s clock stepped " + skew.toSeconds() + " s for " + p.length().toSeconds() + " s");
        heal(p, () -> ClockSteps.step(slot, Duration.ZERO), name, start, skew);
    }

    /** The tables whom a step pages is read from, locked by another session ({@link ConfigLock}). */
    private void lockConfiguration(Planned p) {
        if (postgresDown) {
            skip(p, "PostgreSQL is down");
            return;
        }
        Instant start = Instant.now();
        ConfigLock lock = ConfigLock.take(postgres);
        heal(p, lock::close, "configuration tables", start);
    }

    /** Runs {@code heal} when the planned fault's length has passed; the fault ends when it has. */
    private void heal(Planned p, Runnable heal, String target, Instant start) {
        heal(p, heal, target, start, Duration.ZERO);
    }

    private void heal(Planned p, Runnable heal, String target, Instant start, Duration skew) {
        runner.schedule(() -> {
            try {
                heal.run();
                injected.add(new Fault(p.kind(), target, start, Instant.now(), skew));
                settled.incrementAndGet();
            } catch (RuntimeException | Error e) {
                notes.add("healing " + p.kind() + " of " + target + " failed: " + e);
                settled.incrementAndGet();
            }
        }, p.length().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void skip(Planned p, String why) {
        notes.add("skipped " + p.kind() + " at " + p.at().toSeconds() + " s: " + why);
        settled.incrementAndGet();
    }

    private void done(FaultKind kind, String target, Instant start) {
        injected.add(new Fault(kind, target, start, Instant.now()));
        settled.incrementAndGet();
    }

    /** Waits for every planned fault to be injected and healed; returns what was injected. */
    List<Fault> finish(Duration timeout) {
        try {
            Poll.until("every fault injected and healed", timeout, () -> settled.get() >= planned);
        } catch (AssertionError unsettled) {
            throw new AssertionError(unsettled.getMessage() + ": " + settled.get() + " of " + planned
                    + " settled; done: " + injected + "; notes: " + notes, unsettled);
        }
        runner.shutdown();
        return injected.stream().sorted(Comparator.comparing(Fault::start)).toList();
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
