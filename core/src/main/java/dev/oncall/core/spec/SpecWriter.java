package dev.oncall.core.spec;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.user.UserRef;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A schedule as the tree of a schedule file; defaults are left out so exports stay short. */
final class SpecWriter {
    private SpecWriter() {
    }

    static ObjectNode write(Schedule schedule, ObjectNode root) {
        root.put("timezone", schedule.zone().getId());
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : schedule.layers()) {
            ObjectNode node = layers.addObject();
            node.put("name", layer.name());
            node.put("start", layer.start().toString());
            layer.end().ifPresent(end -> node.put("end", end.toString()));
            ObjectNode rotation = node.putObject("rotation");
            rotation.put("type", layer.rotation().type().spelling());
            if (layer.rotation().type() == Rotation.Type.CUSTOM) {
                rotation.put("length", layer.rotation().isoLength());
            } else {
                rotation.put("length", layer.rotation().count());
            }
            ArrayNode participants = node.putArray("participants");
            layer.participants().forEach(p -> participants.add(p.value()));
            if (layer.usersPerShift() != 1) {
                node.put("usersPerShift", layer.usersPerShift());
            }
            if (!layer.restrictions().isEmpty()) {
                ArrayNode restrictions = node.putArray("restrictions");
                for (Restriction restriction : layer.restrictions()) {
                    ObjectNode r = restrictions.addObject();
                    switch (restriction) {
                        case Restriction.Daily daily -> {
                            r.put("type", "daily");
                            r.put("start", daily.start().toString());
                            r.put("end", daily.end().toString());
                        }
                        case Restriction.Weekly weekly -> {
                            r.put("type", "weekly");
                            r.put("startDay", weekly.startDay().name());
                            r.put("start", weekly.start().toString());
                            r.put("endDay", weekly.endDay().name());
                            r.put("end", weekly.end().toString());
                        }
                    }
                }
            }
        }
        if (!schedule.overrides().isEmpty()) {
            ArrayNode overrides = root.putArray("overrides");
            for (var o : schedule.overrides()) {
                ObjectNode node = overrides.addObject();
                node.put("user", o.user().value());
                node.put("start", o.start().toString());
                node.put("end", o.end().toString());
            }
        }
        if (!schedule.coverRequests().isEmpty()) {
            ArrayNode coverRequests = root.putArray("coverages");
            for (CoverRequest c : schedule.coverRequests()) {
                ObjectNode node = coverRequests.addObject();
                node.put("id", c.id());
                node.put("requester", c.requester().value());
                node.put("start", c.start().toString());
                node.put("end", c.end().toString());
                c.claimedBy().map(UserRef::value).ifPresent(claimer -> node.put("claimedBy", claimer));
            }
        }
        return root;
    }
}
