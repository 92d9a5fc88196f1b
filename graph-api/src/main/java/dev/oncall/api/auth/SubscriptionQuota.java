package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiProperties;
import dev.oncall.api.graphql.LimitExceeded;
import graphql.ExecutionResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps the live subscriptions of one WebSocket connection
 * ({@code oncall.api.max-subscriptions-per-connection}) and of one caller, a person or a team
 * token, across all their connections and SSE streams on this instance
 * ({@code oncall.api.max-subscriptions-per-caller}): each live subscription polls the database.
 * A subscribe past a cap gets one result with a {@link LimitExceeded#subscriptions} error and
 * ends; its stream is never started, and the connection and the other subscriptions go on.
 * A slot is taken when the stream starts and given back when it ends, however it ends.
 */
@Component
class SubscriptionQuota implements WebGraphQlInterceptor {
    private final int perConnection;
    private final int perCaller;
    private final Map<String, Integer> live = new HashMap<>();

    SubscriptionQuota(ApiProperties properties) {
        this.perConnection = properties.maxSubscriptionsPerConnection();
        this.perCaller = properties.maxSubscriptionsPerCaller();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Optional<String> connection = request instanceof WebSocketGraphQlRequest ws
                ? Optional.of("connection:" + ws.getSessionInfo().getId()) : Optional.empty();
        return chain.next(request).map(response -> {
            if (!(response.getData() instanceof Publisher<?> stream)) {
                return response;
            }
            String caller = callerKey(response.getExecutionInput().getGraphQLContext().get(Callers.KEY));
            Flux<?> guarded = Flux.defer(() -> acquire(connection, caller)
                    .<Flux<?>>map(refused -> Flux.just(ExecutionResult.newExecutionResult().errors(List.of(refused.error())).build()))
                    .orElseGet(() -> Flux.from(stream).doFinally(signal -> release(connection, caller))));
            return response.transform(builder -> builder.data(guarded));
        });
    }

    private static String callerKey(Caller caller) {
        return switch (caller) {
            case Caller.Person p -> "person:" + p.id();
            case Caller.TeamToken t -> "token:" + t.tokenId();
            case null -> "anonymous";
        };
    }

    private synchronized Optional<LimitExceeded> acquire(Optional<String> connection, String caller) {
        if (connection.isPresent() && live.getOrDefault(connection.get(), 0) >= perConnection) {
            return Optional.of(LimitExceeded.subscriptions("connection", perConnection,
                    "oncall.api.max-subscriptions-per-connection"));
        }
        if (live.getOrDefault(caller, 0) >= perCaller) {
            return Optional.of(LimitExceeded.subscriptions("caller", perCaller, "oncall.api.max-subscriptions-per-caller"));
        }
        connection.ifPresent(c -> live.merge(c, 1, Integer::sum));
        live.merge(caller, 1, Integer::sum);
        return Optional.empty();
    }

    private synchronized void release(Optional<String> connection, String caller) {
        connection.ifPresent(c -> live.computeIfPresent(c, (k, n) -> n > 1 ? n - 1 : null));
        live.computeIfPresent(caller, (k, n) -> n > 1 ? n - 1 : null);
    }
}
