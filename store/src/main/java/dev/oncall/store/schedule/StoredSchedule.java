package dev.oncall.store.schedule;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.cover.CoverRequestStatus;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.user.UserRef;
import java.util.List;
import java.util.Optional;

/**
 * A schedule as loaded for evaluation: its settings, its layers in priority order (lowest
 * first), and the overrides and cover requests that touch the loaded window. User ids are
 * UUID strings in the core model.
 */
public record StoredSchedule(ScheduleInfo info, List<StoredLayer> layers, List<StoredOverride> overrides,
                             List<StoredCoverRequest> coverRequests) {
    public StoredSchedule {
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
        coverRequests = List.copyOf(coverRequests);
    }

    /** The core engine's view: cancelled cover requests are left out; open ones change nobody. */
    public Schedule toSchedule() {
        List<Layer> l = layers.stream().map(StoredLayer::layer).toList();
        List<Override> o = overrides.stream()
                .map(x -> Override.of(UserRef.of(x.userId()), x.start(), x.end())).toList();
        List<CoverRequest> c = coverRequests.stream()
                .filter(x -> x.status() != CoverRequestStatus.CANCELLED)
                .map(x -> new CoverRequest(x.id().toString(), UserRef.of(x.requester()), x.start(), x.end(),
                        x.claimedBy().map(UserRef::of)))
                .toList();
        return Schedule.of(info.zone(), l, o, c);
    }

    public Optional<StoredLayer> layer(java.util.UUID id) {
        return layers.stream().filter(x -> x.id().equals(id)).findFirst();
    }
}
