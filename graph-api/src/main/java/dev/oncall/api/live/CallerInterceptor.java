package dev.oncall.api.live;

import dev.oncall.api.auth.CallerAuthentication;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.auth.BearerAuthentication;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.Callers;
import dev.oncall.api.auth.Credential;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
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
 * token is resolved again for every operation, so a changed role takes effect on a live
 * connection at the next operation, and a revoked or expired token closes the connection with
 * 4403 Forbidden. The operation's {@link Credential} goes into the context too, for
 * {@link LiveAccess} to check again while a subscription runs.
 */
@Component
class CallerInterceptor implements WebSocketGraphQlInterceptor {
    private static final String TOKEN = "oncall.bearer";
    private static final String HANDSHAKE_CALLER = "oncall.handshake-caller";

    private final BearerAuthentication bearer;
    private final LiveAccess live;

    CallerInterceptor(BearerAuthentication bearer, LiveAccess live) {
        this.bearer = bearer;
        this.live = live;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        CallerAuthentication auth;
        Optional<LiveConnection> connection = Optional.empty();
        if (request instanceof WebSocketGraphQlRequest ws) {
            Map<String, Object> attributes = ws.getSessionInfo().getAttributes();
            connection = LiveConnection.of(attributes);
            try {
                auth = fromSession(attributes);
            } catch (AuthenticationException | ApiException e) {
                connection.ifPresent(c -> c.forbid("the token of the connection was revoked or has expired"));
                return Mono.error(ApiException.unauthorized("the token was revoked or has expired; connect again with a valid token"));
            }
        } else {
            auth = fromHttp(request);
        }
        if (auth != null) {
            Map<String, Object> context = new HashMap<>(LiveAccess.context(auth.credential(), connection));
            context.put(Callers.KEY, auth.caller());
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
        }
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String token = token(payload);
        if (token != null) {
            return Mono.fromCallable(() -> {
                bearer.resolveWithCredential(token);
                session.getAttributes().put(TOKEN, token);
                return (Object) Map.of();
            }).onErrorMap(e -> ApiException.unauthorized("invalid token"));
        }
        return session.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(p -> {
                    session.getAttributes().put(HANDSHAKE_CALLER, p);
                    return (Object) Map.of();
                })
                .switchIfEmpty(Mono.error(ApiException.unauthorized("send {\"Authorization\": \"Bearer <token>\"} in connection_init")));
    }

    /** The connection's caller as things stand now; throws when its token no longer works. */
    private CallerAuthentication fromSession(Map<String, Object> attributes) {
        Object token = attributes.get(TOKEN);
        if (token instanceof String t) {
            return bearer.resolveWithCredential(t);
        }
        if (attributes.get(HANDSHAKE_CALLER) instanceof CallerAuthentication handshake) {
            return live.current(handshake).orElseThrow(() -> ApiException.unauthorized("the token was revoked or has expired"));
        }
        return null;
    }

    private static CallerAuthentication fromHttp(WebGraphQlRequest request) {
        Authentication auth = null;
        Object stored = request.getAttributes().get(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (stored instanceof SecurityContext context) {
            auth = context.getAuthentication();
        }
        if (auth == null) {
            auth = SecurityContextHolder.getContext().getAuthentication();
        }
        return auth instanceof CallerAuthentication c ? c : null;
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
