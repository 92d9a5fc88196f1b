package dev.oncall.api.incident;

import dev.oncall.core.incident.ActorType;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.user.User;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertView;
import dev.oncall.store.incident.IncidentEvent;
import dev.oncall.store.incident.IncidentReads;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The fields of incident events, their actors and alerts, as stored: codes become the SDL's
 * enum names (UNKNOWN for a kind or channel a newer version wrote), stored JSON goes out as JSON.
 * Events reach a caller only through an incident or a team stream they were allowed to read, so
 * these need no further checks.
 */
@Controller
class IncidentEventFields {
    /** The SDL's name for a kind or channel this version does not know. */
    static final String UNKNOWN = "UNKNOWN";

    private final IncidentReads reads;

    IncidentEventFields(IncidentReads reads) {
        this.reads = reads;
    }

    @BatchMapping(typeName = "IncidentEvent")
    Map<IncidentEvent, Incident> incident(List<IncidentEvent> events) {
        Map<UUID, Incident> byId = new HashMap<>();
        events.stream().map(IncidentEvent::incidentId).distinct()
                .forEach(id -> reads.get(id).ifPresent(i -> byId.put(id, i)));
        Map<IncidentEvent, Incident> out = new HashMap<>();
        events.forEach(e -> out.put(e, byId.get(e.incidentId())));
        return out;
    }

    /** A kind a newer version wrote is UNKNOWN (its code says which): never an error, which would end the stream. */
    @SchemaMapping(typeName = "IncidentEvent")
    String kind(IncidentEvent event) {
        return event.kind().map(Enum::name).orElse(UNKNOWN);
    }

    @SchemaMapping(typeName = "IncidentEvent")
    String channel(IncidentEvent event) {
        return event.channelCode().map(code -> Channel.parse(code).map(Enum::name).orElse(UNKNOWN)).orElse(null);
    }

    @SchemaMapping(typeName = "IncidentEvent")
    String data(IncidentEvent event) {
        return event.dataJson();
    }

    /**
     * The SDL's ActorType has no UNKNOWN (yet): a type a newer version wrote is shown as SYSTEM,
     * its id still saying who, rather than failing the field and with it the whole event.
     */
    @SchemaMapping(typeName = "Actor")
    String type(Actor actor) {
        return (actor.type() == ActorType.UNKNOWN ? ActorType.SYSTEM : actor.type()).name();
    }

    @SchemaMapping(typeName = "Actor")
    CompletableFuture<User> user(Actor actor, DataLoader<UUID, User> loader) {
        return actor.userId().map(loader::load).orElse(CompletableFuture.completedFuture(null));
    }

    @SchemaMapping(typeName = "Alert")
    String severity(AlertView alert) {
        return enumName(alert.severity());
    }

    @SchemaMapping(typeName = "Alert")
    String payload(AlertView alert) {
        return alert.payloadJson();
    }

    @SchemaMapping(typeName = "Alert")
    Instant resolvedAt(AlertView alert) {
        return alert.resolvedAt().orElse(null);
    }

    private static String enumName(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
