package dev.oncall.core.schedule;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.user.UserRefs;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random valid schedules near the clock changes of the zones the design names, with a range to
 * evaluate: the input of the engine's property tests.
 */
public final class RandomSchedules {
    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe",
            "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Apia");
    /** Local date-times a few days before a transition of some zone above. */
    private static final List<LocalDateTime> NEAR = List.of(
            LocalDateTime.parse("2026-03-05T00:00"), LocalDateTime.parse("2026-10-29T00:00"),
            LocalDateTime.parse("2026-03-26T00:00"), LocalDateTime.parse("2026-10-22T00:00"),
            LocalDateTime.parse("2026-04-02T00:00"), LocalDateTime.parse("2026-10-01T00:00"),
            LocalDateTime.parse("2026-09-24T00:00"), LocalDateTime.parse("2011-12-26T00:00"),
            LocalDateTime.parse("2026-06-15T00:00"));
    private static final List<String> PEOPLE = List.of("ann", "ben", "cat", "dan", "eve");

    /** A schedule and a range [from, to) around its interesting part. */
    public record Case(Schedule schedule, Instant from, Instant to, long seed) {
        @java.lang.Override
        public String toString() {
            return "seed " + seed + ", [" + from + ", " + to + "): " + schedule;
        }
    }

    private RandomSchedules() {
    }

    public static Arbitrary<Case> cases() {
        return Arbitraries.longs().map(RandomSchedules::build);
    }

    /** Cases whose layers hold one user per shift. */
    public static Arbitrary<Case> singleUserCases() {
        return Arbitraries.longs().map(seed -> build(seed, true));
    }

    public static Case build(long seed) {
        return build(seed, false);
    }

    static Case build(long seed, boolean singleUser) {
        Random random = new Random(seed);
        ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
        LocalDateTime near = NEAR.get(random.nextInt(NEAR.size())).plusHours(random.nextInt(24 * 6));
        Instant anchor = LocalTimes.toInstant(near, zone);
        List<Layer> layers = new ArrayList<>();
        int layerCount = 1 + random.nextInt(3);
        for (int i = 0; i < layerCount; i++) {
            layers.add(layer(random, "layer" + i, near, singleUser));
        }
        List<Override> overrides = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Instant start = anchor.plus(Duration.ofMinutes(random.nextInt(6 * 24 * 60) - 24 * 60));
            overrides.add(new Override(ref(person(random)), start, start.plus(Duration.ofMinutes(30 + random.nextInt(48 * 60)))));
        }
        List<CoverRequest> coverRequests = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Instant start = anchor.plus(Duration.ofMinutes(random.nextInt(6 * 24 * 60) - 24 * 60));
            Instant end = start.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
            String requester = person(random);
            Optional<String> claimer = random.nextBoolean() ? Optional.empty() : Optional.of(other(random, requester));
            CoverRequest c = new CoverRequest("c" + i, ref(requester), start, end, claimer.map(UserRefs::ref));
            boolean overlaps = coverRequests.stream().anyMatch(e -> e.requester().equals(ref(requester)) && e.overlaps(start, end));
            if (!overlaps) {
                coverRequests.add(c);
            }
        }
        Instant from = anchor.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        // Mostly days around the clock change; now and then three months, so monthly turns show.
        int days = random.nextInt(5) == 0 ? 90 : 9;
        Instant to = from.plus(Duration.ofMinutes(60 + random.nextInt(days * 24 * 60)));
        return new Case(new Schedule(zone, layers, overrides, coverRequests), from, to, seed);
    }

    private static Layer layer(Random random, String name, LocalDateTime near, boolean singleUser) {
        LocalDateTime start = near.plusMinutes(15L * (random.nextInt(4 * 24 * 6) - 4 * 24 * 3));
        Rotation rotation = switch (random.nextInt(8)) {
            case 0 -> Rotation.hourly(1 + random.nextInt(3));
            case 1 -> Rotation.daily(1 + random.nextInt(2));
            case 2 -> Rotation.weekly(1);
            case 3 -> Rotation.monthly(1);
            case 4 -> Rotation.custom("PT12H");
            case 5 -> Rotation.custom("P1DT12H");
            case 6 -> Rotation.custom("PT7H30M");
            default -> Rotation.custom("P3D");
        };
        int n = 1 + random.nextInt(4);
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            participants.add(person(random));
        }
        int users = singleUser ? 1 : 1 + random.nextInt(n);
        List<Restriction> restrictions = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            LocalTime a = LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
            LocalTime b = LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
            if (random.nextBoolean()) {
                if (!a.equals(b)) {
                    restrictions.add(Restriction.daily(a, b));
                }
            } else {
                DayOfWeek d1 = DayOfWeek.of(1 + random.nextInt(7));
                DayOfWeek d2 = DayOfWeek.of(1 + random.nextInt(7));
                if (!(d1 == d2 && a.equals(b))) {
                    restrictions.add(Restriction.weekly(d1, a, d2, b));
                }
            }
        }
        Optional<LocalDateTime> end = random.nextInt(3) == 0
                ? Optional.of(start.plusMinutes(15L * (1 + random.nextInt(4 * 24 * 8))))
                : Optional.empty();
        return new Layer(name, start, end, rotation, refs(participants), users, restrictions);
    }

    private static String person(Random random) {
        return PEOPLE.get(random.nextInt(PEOPLE.size()));
    }

    private static String other(Random random, String not) {
        String p = person(random);
        return p.equals(not) ? PEOPLE.get((PEOPLE.indexOf(p) + 1) % PEOPLE.size()) : p;
    }
}
