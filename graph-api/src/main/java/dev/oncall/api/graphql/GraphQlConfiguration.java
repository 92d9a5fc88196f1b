package dev.oncall.api.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.SubscriptionExecutionStrategy;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlInterceptor;

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

    /** Refuses operations nested deeper than the limit before anything runs. */
    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(ApiProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.maxQueryDepth());
    }

    /** Refuses operations selecting more fields than the limit (lists count once per field). */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(ApiProperties properties) {
        return new MaxQueryComplexityInstrumentation(properties.maxQueryComplexity());
    }
}
