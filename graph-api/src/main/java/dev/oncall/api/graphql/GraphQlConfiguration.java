package dev.oncall.api.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration
class GraphQlConfiguration {
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(InstantScalar.DATE_TIME);
    }
}
