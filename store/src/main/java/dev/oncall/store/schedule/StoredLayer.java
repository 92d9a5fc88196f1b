package dev.oncall.store.schedule;

import dev.oncall.core.schedule.Layer;
import java.util.UUID;

/** A rotation layer as stored: its id, and the layer whose participants are user ids. */
public record StoredLayer(UUID id, UUID scheduleId, Layer layer) {}
