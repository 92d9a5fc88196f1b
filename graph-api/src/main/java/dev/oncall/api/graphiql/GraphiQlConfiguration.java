package dev.oncall.api.graphiql;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webmvc.GraphiQlHandler;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL served entirely by graph-api. Spring for GraphQL's own page loads GraphiQL and React
 * from a CDN, so without internet it shows "Loading..." forever; ours loads them from the
 * WebJars on this server ({@code /webjars/**}). Same switch and path as Spring's
 * ({@code spring.graphql.graphiql.enabled}, {@code .path}), and the same handler, which adds
 * and checks the {@code path}/{@code wsPath} parameters the page reads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.graphql.graphiql.enabled", havingValue = "true")
class GraphiQlConfiguration {
    static final String PAGE = "dev/oncall/api/graphiql/graphiql.html";

    // Ahead of Spring's router, which maps the same path to its CDN page.
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphiQlPage(GraphQlProperties properties) {
        GraphiQlHandler handler = new GraphiQlHandler(properties.getHttp().getPath(),
                properties.getWebsocket().getPath(), new ClassPathResource(PAGE));
        return RouterFunctions.route().GET(properties.getGraphiql().getPath(), handler::handleRequest).build();
    }
}
