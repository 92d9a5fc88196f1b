package dev.oncall.core.schedule;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.validation.Problems;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schedule: its IANA zone (where every local time in it is read), its layers listed lowest
 * priority first, its overrides (later ones win), and its cover requests. Built only valid:
 * the constructor reports every problem at once, with field paths such as
 * {@code layers[1].name} or {@code coverages[0].end}.
 */
public record Schedule(ZoneId zone, List<Layer> layers, List<Override> overrides, List<CoverRequest> coverRequests) {

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
        coverRequests = List.copyOf(coverRequests);
        Problems problems = new Problems();
        check(problems, layers, overrides, coverRequests);
        problems.throwIfAny();
    }

    public static Schedule of(ZoneId zone, List<Layer> layers, List<Override> overrides,
                              List<CoverRequest> coverRequests) {
        return new Schedule(zone, layers, overrides, coverRequests);
    }

    public static Schedule of(ZoneId zone, List<Layer> layers) {
        return new Schedule(zone, layers, List.of(), List.of());
    }

    public Schedule withLayers(List<Layer> newLayers) {
        return new Schedule(zone, newLayers, overrides, coverRequests);
    }

    public Schedule withOverrides(List<Override> newOverrides) {
        return new Schedule(zone, layers, newOverrides, coverRequests);
    }

    public Schedule withCoverRequests(List<CoverRequest> newCoverages) {
        return new Schedule(zone, layers, overrides, newCoverages);
    }

    /**
     * Records the problems that involve more than one entry: limits on counts, duplicate layer
     * names and request ids, and overlapping requests by one person (which would make "whose
     * time is claimed" ambiguous). Each entry is valid on its own already.
     */
    public static void check(Problems problems, List<Layer> layers, List<Override> overrides,
                             List<CoverRequest> coverRequests) {
        if (layers.size() > ScheduleLimits.MAX_LAYERS) {
            problems.add("layers", "at most " + ScheduleLimits.MAX_LAYERS + " layers per schedule, got " + layers.size());
        }
        if (overrides.size() > ScheduleLimits.MAX_OVERRIDES) {
            problems.add("overrides", "at most " + ScheduleLimits.MAX_OVERRIDES + " overrides per schedule, got "
                    + overrides.size());
        }
        if (coverRequests.size() > ScheduleLimits.MAX_COVER_REQUESTS) {
            problems.add("coverages", "at most " + ScheduleLimits.MAX_COVER_REQUESTS + " cover requests per schedule, got "
                    + coverRequests.size());
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer == null) {
                continue;
            }
            Integer first = names.putIfAbsent(layer.name(), i);
            if (first != null) {
                problems.add("layers[" + i + "].name", "duplicate layer name \"" + layer.name() + "\", already used by layers["
                        + first + "]");
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < coverRequests.size(); i++) {
            CoverRequest c = coverRequests.get(i);
            if (c == null) {
                continue;
            }
            Integer first = ids.putIfAbsent(c.id(), i);
            if (first != null) {
                problems.add("coverages[" + i + "].id", "duplicate cover request id \"" + c.id() + "\", already used by coverages["
                        + first + "]");
            }
            for (int j = 0; j < i; j++) {
                CoverRequest earlier = coverRequests.get(j);
                if (earlier != null && earlier.requester().equals(c.requester()) && earlier.overlaps(c.start(), c.end())) {
                    problems.add("coverages[" + i + "]", "overlaps coverages[" + j + "], also requested by " + c.requester()
                            + ": one person's requests must not overlap");
                    break;
                }
            }
        }
    }
}
