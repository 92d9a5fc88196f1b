package dev.oncall.store.shift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.shift.ShiftMaterializations.Outcome;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class ShiftMaterializationsTest {
    private static final Duration HORIZON = Duration.ofDays(30);
    // Nanoseconds on purpose: the database keeps microseconds.
    private static final Instant T0 = Instant.parse("2026-03-02T10:17:00.987654321Z");

    private StoreFixture store;
    private ShiftMaterializations materializations;
    private ShiftRepository shifts;
    private Team team;
    private User ann;
    private User ben;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        materializations = new ShiftMaterializations(store.tx, HORIZON, Duration.ofDays(1), Duration.ofMinutes(2));
        shifts = new ShiftRepository(store.tx);
        ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        ben = store.users.create("ben", "Ben", "ben@example.com", "UTC");
        team = store.teams.createWithAdmin("ops", "Ops", ann.id());
        store.teams.addMember(team.id(), ben.id(), dev.oncall.core.team.Role.RESPONDER);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ScheduleInfo dailySchedule(String name) {
        ScheduleInfo info = store.schedules.create(team.id(), name, "", "Europe/London");
        store.layers.replaceAll(info.id(), info.version(), List.of(Layer.of("primary",
                LocalDateTime.parse("2026-01-05T09:00"), Rotation.daily(1), List.of(UserRef.of(ann.id()), UserRef.of(ben.id())))));
        return store.schedules.find(info.id()).orElseThrow();
    }

    /** The engine's shifts for [from, to) at the database's precision (microseconds), as materialized. */
    private List<Shift> engine(UUID scheduleId, Instant from, Instant to) {
        Instant f = micros(from);
        Instant t = micros(to);
        return ShiftMaterializer.materialize(store.scheduleLoader.load(scheduleId, f, t).orElseThrow().toSchedule(), f, t);
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void materializesTheHorizonFromTheEngineAndRecordsTheVersion() {
        ScheduleInfo s = dailySchedule("a");
        assertThat(materializations.due(T0, 10)).containsExactly(s.id());

        assertThat(materializations.run(s.id(), "w1", T0)).isEqualTo(Outcome.MATERIALIZED);

        assertThat(shifts.between(s.id(), T0, T0.plus(HORIZON)).stream().map(StoredShift::shift))
                .containsExactlyElementsOf(engine(s.id(), T0, T0.plus(HORIZON)));
        MaterializationState state = materializations.state(s.id()).orElseThrow();
        assertThat(state.configVersion()).isEqualTo(s.version());
        assertThat(state.horizonEnd()).contains(micros(T0.plus(HORIZON)));
        assertThat(materializations.due(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(materializations.run(s.id(), "w2", T0.plusSeconds(60))).isEqualTo(Outcome.NOT_CLAIMED);
    }

    @Test
    void aChangeMakesTheScheduleDueAgainAndHistoryIsNeverRewritten() {
        ScheduleInfo s = dailySchedule("a");
        materializations.run(s.id(), "w1", T0);
        Instant t1 = T0.plus(Duration.ofDays(3)).plusSeconds(3 * 3600 + 11);
        List<StoredShift> pastBefore = shifts.between(s.id(), T0.minusSeconds(1), t1).stream()
                .filter(x -> !x.shift().end().isAfter(t1)).toList();
        assertThat(pastBefore).isNotEmpty();

        store.overrides.create(s.id(), ben.id(), t1.minusSeconds(7200), t1.plusSeconds(3600), Optional.empty());
        assertThat(materializations.due(t1, 10)).containsExactly(s.id());
        assertThat(materializations.run(s.id(), "w2", t1)).isEqualTo(Outcome.MATERIALIZED);

        List<StoredShift> after = shifts.between(s.id(), T0.minusSeconds(1), t1.plus(HORIZON));
        // Every shift that had ended by t1 is still there, the same row with the same content.
        assertThat(after.stream().filter(x -> !x.shift().end().isAfter(t1)).toList()).containsAll(pastBefore);
        // The override's past part is not written into history; from t1 on the shifts are the engine's.
        assertThat(after.stream().filter(x -> !x.shift().start().isBefore(t1)).map(StoredShift::shift))
                .containsExactlyElementsOf(engine(s.id(), t1, t1.plus(HORIZON)).stream()
                        .filter(x -> !x.start().isBefore(t1)).toList());
        assertThat(after.stream().filter(x -> x.shift().end().equals(micros(t1)))).hasSize(1);
        assertThat(materializations.state(s.id()).orElseThrow().configVersion()).isEqualTo(s.version() + 1);
    }

    @Test
    void aDailyRefreshCarriesTheRunningShiftOnInOneRow() {
        ScheduleInfo s = dailySchedule("a");
        materializations.run(s.id(), "w1", T0);
        Instant nextDay = T0.plus(Duration.ofDays(1)).plusSeconds(60);
        int before = shifts.between(s.id(), T0, T0.plus(HORIZON)).size();

        assertThat(materializations.due(nextDay, 10)).containsExactly(s.id());
        assertThat(materializations.run(s.id(), "w1", nextDay)).isEqualTo(Outcome.MATERIALIZED);

        List<StoredShift> all = shifts.between(s.id(), T0, nextDay.plus(HORIZON));
        assertThat(all.stream().filter(x -> x.shift().contains(nextDay))).hasSize(1);
        assertThat(all).hasSize(before + 1);
    }

    @Test
    void concurrentWorkersMaterializeEachScheduleExactlyOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(dailySchedule("s" + i).id());
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "worker-" + w;
                workers.add(() -> {
                    List<UUID> due;
                    while (!(due = materializations.due(T0, 5)).isEmpty()) {
                        for (UUID id : due) {
                            if (materializations.run(id, owner, T0) == Outcome.MATERIALIZED) {
                                done.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(done.get()).isEqualTo(ids.size());
        Map<UUID, MaterializationState> states = store.tx.read("t", db -> ShiftMaterializations.states(db, ids));
        assertThat(states.values()).allSatisfy(st -> assertThat(st.runs()).isEqualTo(1));
        for (UUID id : ids) {
            assertThat(shifts.between(id, T0, T0.plus(HORIZON)).stream().map(StoredShift::shift))
                    .containsExactlyElementsOf(engine(id, T0, T0.plus(HORIZON)));
        }
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverWritesNothing() {
        ScheduleInfo s = dailySchedule("a");
        assertThat(materializations.claim(s.id(), "slow", T0)).isTrue();
        Instant later = T0.plus(Duration.ofMinutes(3));
        assertThat(materializations.claim(s.id(), "fast", later)).isTrue();

        assertThat(materializations.materialize(s.id(), "slow", later)).isEqualTo(Outcome.LEASE_LOST);
        assertThat(shifts.between(s.id(), T0, T0.plus(HORIZON))).isEmpty();
        assertThat(materializations.materialize(s.id(), "fast", later)).isEqualTo(Outcome.MATERIALIZED);
        assertThat(materializations.state(s.id()).orElseThrow().runs()).isEqualTo(1);
    }
}
