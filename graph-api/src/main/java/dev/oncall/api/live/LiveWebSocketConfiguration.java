package dev.oncall.api.live;

import java.util.Map;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's graphql-transport-ws handler, set up as Boot sets it up, that also puts a
 * {@link LiveConnection} into each session's attributes: Spring for GraphQL gives interceptors
 * the attributes but no way to close the connection, which revocation needs.
 */
@Configuration(proxyBeanMethods = false)
class LiveWebSocketConfiguration {
    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
                                                    GraphQlCorsProperties cors, JsonMapper json) {
        CorsConfiguration corsConfiguration = cors.toCorsConfiguration();
        var converter = new JacksonJsonHttpMessageConverter(json);
        var websocket = properties.getWebsocket();
        return corsConfiguration == null
                ? new Handler(handler, converter, websocket.getConnectionInitTimeout(), websocket.getKeepAlive())
                : new Handler(handler, converter, websocket.getConnectionInitTimeout(), websocket.getKeepAlive(),
                        corsConfiguration);
    }

    private static final class Handler extends GraphQlWebSocketHandler {
        Handler(WebGraphQlHandler handler, JacksonJsonHttpMessageConverter converter, java.time.Duration initTimeout,
                java.time.Duration keepAlive) {
            super(handler, converter, initTimeout, keepAlive);
        }

        Handler(WebGraphQlHandler handler, JacksonJsonHttpMessageConverter converter, java.time.Duration initTimeout,
                java.time.Duration keepAlive, CorsConfiguration cors) {
            super(handler, converter, initTimeout, keepAlive, cors);
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            Map<String, Object> attributes = session.getAttributes();
            attributes.put(LiveConnection.ATTRIBUTE, new LiveConnection(session));
            super.afterConnectionEstablished(session);
        }
    }
}
