package dev.oncall.api.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration
class GraphQlConfiguration {
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(InstantScalar.DATE_TIME);
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
