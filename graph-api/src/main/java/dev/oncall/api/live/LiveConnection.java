package dev.oncall.api.live;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * A graphql-transport-ws connection that can be ended from outside its messages: when the token
 * it authenticated with is revoked or expires, it is closed with {@link #FORBIDDEN} (4403, the
 * protocol's "Forbidden"), which ends every subscription on it and tells the client not to
 * reconnect with the same token.
 */
public final class LiveConnection {
    public static final CloseStatus FORBIDDEN = new CloseStatus(4403, "Forbidden");
    /** The session attribute holding a connection's {@link LiveConnection}. */
    static final String ATTRIBUTE = LiveConnection.class.getName();
    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);

    private final WebSocketSession session;

    LiveConnection(WebSocketSession session) {
        this.session = session;
    }

    /** The connection whose session attributes these are, if it is a WebSocket one. */
    public static Optional<LiveConnection> of(Map<String, Object> sessionAttributes) {
        return Optional.ofNullable((LiveConnection) sessionAttributes.get(ATTRIBUTE));
    }

    /** Closes the connection with 4403 Forbidden (nothing happens if it is closed already). */
    public void forbid(String why) {
        if (!session.isOpen()) {
            return;
        }
        log.info("closing WebSocket connection {}: {}", session.getId(), why);
        try {
            session.close(FORBIDDEN);
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket connection {} did not close cleanly: {}", session.getId(), e.toString());
        }
    }
}
