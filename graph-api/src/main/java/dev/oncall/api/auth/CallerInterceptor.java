package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiException;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the {@link Caller} into every operation's GraphQL context. Over HTTP (and SSE) it is the
 * one Spring Security authenticated. Over WebSocket the client sends its token in the
 * graphql-transport-ws connection_init payload ({@code {"Authorization": "Bearer …"}}); the
 * token is resolved again for every operation, so a revoked token or a changed role takes
 * effect on a live connection at the next subscribe.
 */
@Component
class CallerInterceptor implements WebSocketGraphQlInterceptor {
    private static final String TOKEN = "oncall.bearer";
    private static final String HANDSHAKE_CALLER = "oncall.handshake-caller";

    private final BearerAuthentication bearer;

    CallerInterceptor(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = request instanceof WebSocketGraphQlRequest ws ? fromSession(ws.getSessionInfo()) : fromHttp(request);
        if (caller != null) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(Map.of(Callers.KEY, caller)).build());
        }
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String token = token(payload);
        if (token != null) {
            return Mono.fromCallable(() -> {
                bearer.resolve(token);
                session.getAttributes().put(TOKEN, token);
                return (Object) Map.of();
            }).onErrorMap(e -> ApiException.unauthorized("invalid token"));
        }
        return session.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(p -> {
                    session.getAttributes().put(HANDSHAKE_CALLER, ((CallerAuthentication) p).caller());
                    return (Object) Map.of();
                })
                .switchIfEmpty(Mono.error(ApiException.unauthorized("send {\"Authorization\": \"Bearer <token>\"} in connection_init")));
    }

    private Caller fromSession(WebSocketSessionInfo session) {
        Object token = session.getAttributes().get(TOKEN);
        if (token instanceof String t) {
            return bearer.resolve(t);
        }
        return (Caller) session.getAttributes().get(HANDSHAKE_CALLER);
    }

    private static Caller fromHttp(WebGraphQlRequest request) {
        Authentication auth = null;
        Object stored = request.getAttributes().get(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (stored instanceof SecurityContext context) {
            auth = context.getAuthentication();
        }
        if (auth == null) {
            auth = SecurityContextHolder.getContext().getAuthentication();
        }
        return auth instanceof CallerAuthentication c ? c.caller() : null;
    }

    private static String token(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        for (String key : new String[] {"Authorization", "authorization", "token"}) {
            if (payload.get(key) instanceof String value && !value.isBlank()) {
                return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value.strip();
            }
        }
        return null;
    }
}
