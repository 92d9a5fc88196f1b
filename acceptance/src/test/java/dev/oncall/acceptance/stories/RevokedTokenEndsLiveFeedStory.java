package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.LiveFeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.graphql.client.WebSocketDisconnectedException;
import tools.jackson.databind.JsonNode;

/**
 * A token left on a wall screen is revoked: the dashboard following the team's incidents over
 * WebSocket with it is cut off within seconds, with the protocol's 4403 Forbidden.
 */
@ExtendWith(InstallationExtension.class)
class RevokedTokenEndsLiveFeedStory {
    /** The promise: a revoked token's live subscription ends within this. */
    private static final Duration PROMISED = Duration.ofSeconds(5);

    @Test
    void aRevokedTokensLiveWebSocketSubscriptionEndsWithin5Seconds(Installation system) {
        Crew crew = Crew.of(system, "Wall screen", List.of("gina", "hal"), "ivy", List.of());
        JsonNode created = crew.admin.mutate("createApiToken", "apiToken { id } token", Map.of("name", "wall screen"));
        String token = created.get("token").asString();

        try (LiveFeed wall = LiveFeed.open(LiveFeed.Transport.WEBSOCKET, system, token, crew.teamId, Optional.empty())) {
            crew.awaitLive(wall);

            crew.admin.mutate("revokeApiToken", "apiToken { revokedAt }", Map.of("id", created.at("/apiToken/id").asString()));

            Throwable ended = wall.endedWithin(PROMISED);
            assertThat(ended).isInstanceOf(WebSocketDisconnectedException.class);
            assertThat(((WebSocketDisconnectedException) ended).getCloseStatus().getCode()).isEqualTo(4403);
        }
    }
}
