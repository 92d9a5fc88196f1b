package dev.oncall.api.incident;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.service.Service;
import dev.oncall.store.incident.Actor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/** A crew's team with a paging service, and an observer's graphql-transport-ws client on its incidentUpdates. */
abstract class TeamStreamTestBase extends IncidentTestBase {
    Crew crew;
    Service service;
    UpdateStreams streams;

    @BeforeEach
    void setUpTeamStream() {
        clock.set(START);
        crew = crew();
        service = service(crew);
        streams = new UpdateStreams(port, crew.token("OBSERVER"), crew.teamId());
    }

    @AfterEach
    void closeTeamStream() {
        streams.close();
    }

    /** Waits until every stream is live, with notes on a warm-up incident of the team. */
    void awaitLive(List<BlockingQueue<JsonNode>> live) throws InterruptedException {
        UUID warmUp = trigger(service, "warm-up");
        UpdateStreams.awaitLive(live, text -> commands.addNote(warmUp, text, Actor.system("test"), Channel.GRAPHQL));
    }
}
