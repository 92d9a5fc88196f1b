package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.store.incident.DueTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine's decisions, without threads, clock or database. */
class DispatchTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final Instant NEXT_POLL = NOW.plusSeconds(1);

    private static HeldTimer held(Duration fromNow, boolean leased, boolean adopted) {
        DueTimer t = new DueTimer(UUID.randomUUID(), UUID.randomUUID(), TimerKind.STEP, 0, 0, NOW.plus(fromNow),
                adopted ? "us" : "eu");
        return new HeldTimer(t, leased ? Optional.of("token") : Optional.empty(), adopted);
    }

    @Test
    void leasedDueTimersFireOneByOneSoonestFirstAndTheNextTickIsTheNextDueTime() {
        HeldTimer late = held(Duration.ofSeconds(-5), true, false);
        HeldTimer dueNow = held(Duration.ZERO, true, false);
        HeldTimer soon = held(Duration.ofMillis(300), true, false);
        Dispatch d = Dispatch.at(NOW, List.of(soon, dueNow, late), Set.of(), NEXT_POLL, false, true);
        assertThat(d.fireEach()).containsExactly(late, dueNow);
        assertThat(d.sweeps()).isFalse();
        assertThat(d.nextTick()).isEqualTo(soon.dueAt());
    }

    @Test
    void timersBeingFiredAreNeitherHandedOutAgainNorWaitedFor() {
        HeldTimer busy = held(Duration.ofSeconds(-1), true, false);
        HeldTimer busyLater = held(Duration.ofMillis(200), true, false);
        Dispatch d = Dispatch.at(NOW, List.of(busy, busyLater), Set.of(busy.id(), busyLater.id()), NEXT_POLL, false,
                true);
        assertThat(d.fireEach()).isEmpty();
        assertThat(d.nextTick()).as("the next poll").isEqualTo(NEXT_POLL);
    }

    @Test
    void withoutALeaseTheRegionsDueTimersAreSweptButAdoptedOnesStillFireOneByOne() {
        HeldTimer unleased = held(Duration.ZERO, false, false);
        HeldTimer adopted = held(Duration.ZERO, false, true);
        Dispatch d = Dispatch.at(NOW, List.of(unleased, adopted), Set.of(), NEXT_POLL, false, true);
        assertThat(d.sweep()).containsExactly(unleased);
        assertThat(d.fireEach()).containsExactly(adopted);
        assertThat(d.sweeps()).isTrue();
        assertThat(d.sweepBacklog()).isFalse();
    }

    @Test
    void whileASweepRunsOrAfterOneFailedEveryDueTimerFiresOneByOne() {
        HeldTimer unleased = held(Duration.ZERO, false, false);
        Dispatch d = Dispatch.at(NOW, List.of(unleased), Set.of(), NEXT_POLL, true, false);
        assertThat(d.fireEach()).containsExactly(unleased);
        assertThat(d.sweeps()).isFalse();
    }

    @Test
    void aBacklogIsSweptEvenWithNothingHeld() {
        Dispatch d = Dispatch.at(NOW, List.of(), Set.of(), NEXT_POLL, true, true);
        assertThat(d.sweepBacklog()).isTrue();
        assertThat(d.sweeps()).isTrue();
    }

    @Test
    void aPollIsDueFirstAfterTheIntervalAndWhenTheClockWentBack() {
        Duration interval = Duration.ofSeconds(1);
        assertThat(Dispatch.pollDue(Optional.empty(), NOW, interval)).isTrue();
        assertThat(Dispatch.pollDue(Optional.of(NOW), NOW.plusMillis(999), interval)).isFalse();
        assertThat(Dispatch.pollDue(Optional.of(NOW), NOW.plusSeconds(1), interval)).isTrue();
        assertThat(Dispatch.pollDue(Optional.of(NOW), NOW.minusMillis(1), interval)).isTrue();
    }

    @Test
    void theWorkerHoldsWhatItLeasedOrEverythingUnleasedWhenRedisIsUnavailable() {
        HeldTimer a = held(Duration.ZERO, false, false);
        HeldTimer b = held(Duration.ZERO, false, false);
        List<DueTimer> candidates = List.of(a.timer(), b.timer());
        assertThat(Dispatch.holding(candidates, false, new TimerLeases.Acquired(true, Map.of(a.id(), "t"))))
                .containsExactly(new HeldTimer(a.timer(), Optional.of("t"), false));
        assertThat(Dispatch.holding(candidates, true, new TimerLeases.Acquired(false, Map.of())))
                .extracting(HeldTimer::leased, HeldTimer::adopted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, true),
                        org.assertj.core.groups.Tuple.tuple(false, true));
    }

    @Test
    void leasesAreRenewedForLeasedTimersAndASweepReleasesOnlyTheUnleasedDueOnes() {
        HeldTimer leased = held(Duration.ZERO, true, false);
        HeldTimer swept = held(Duration.ofSeconds(-1), false, false);
        HeldTimer later = held(Duration.ofSeconds(10), false, false);
        HeldTimer adopted = held(Duration.ZERO, false, true);
        List<HeldTimer> all = List.of(leased, swept, later, adopted);
        assertThat(Dispatch.leases(all)).containsExactly(Map.entry(leased.id(), "token"));
        assertThat(Dispatch.sweptAway(all, NOW)).containsExactly(swept.id());
    }
}
