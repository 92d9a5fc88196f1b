package dev.oncall.api.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.SubscriptionExecutionStrategy;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

@Configuration
class GraphQlConfiguration {
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(InstantScalar.DATE_TIME);
    }

    /**
     * Subscription events go out in the order their source emitted them. graphql-java otherwise
     * sends each as soon as its fields are resolved, and with controllers running on virtual
     * threads a later event can finish first: incidentUpdates promises each incident's events
     * in seq order.
     */
    @Bean
    WebGraphQlInterceptor orderedSubscriptionEvents() {
        return (request, chain) -> {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                    Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true)).build());
            return chain.next(request);
        };
    }

    /**
     * A subscription over SSE that is refused before it starts (an argument breaks
     * {@link ArgumentRules}, the document does not validate) is told why, as over WebSocket.
     * Spring's SSE handler streams only a result whose data is a publisher and answers anything
     * else with "SSE handler supports only subscriptions", hiding the actual errors; so such a
     * refusal is handed on as a stream of that one result.
     */
    @Bean
    WebGraphQlInterceptor refusalsOverSse() {
        return (request, chain) -> chain.next(request).map(response -> {
            boolean sse = !(request instanceof WebSocketGraphQlRequest)
                    && request.getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
            if (!sse || response.getData() != null || response.getErrors().isEmpty()) {
                return response;
            }
            ExecutionResult refused = ExecutionResult.newExecutionResult()
                    .errors(response.getExecutionResult().getErrors()).build();
            return response.transform(builder -> builder.data(Flux.just(refused)));
        });
    }

    /** Refuses operations nested deeper than the limit before anything runs. */
    @Bean
    @Order(1)
    MaxQueryDepthInstrumentation maxQueryDepth(ApiProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.maxQueryDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return LimitExceeded.depth(depth, maxDepth);
            }
        };
    }

    /**
     * Refuses operations that would cost more than the limit before anything runs: {@link QueryCost}
     * counts every occurrence of a field (aliases included), multiplied by page sizes and days.
     */
    @Bean
    @Order(2)
    MaxQueryComplexityInstrumentation maxQueryComplexity(ApiProperties properties) {
        return new MaxQueryComplexityInstrumentation(properties.maxQueryComplexity(),
                new QueryCost(properties.maxQueryComplexity())) {
            @Override
            protected AbortExecutionException mkAbortException(int cost, int limit) {
                return LimitExceeded.complexity(cost, limit);
            }
        };
    }

    /** Stops queries and mutations at {@code oncall.api.operation-timeout}. */
    @Bean
    OperationDeadline operationDeadline(ApiProperties properties) {
        return new OperationDeadline(properties.operationTimeout());
    }
}
