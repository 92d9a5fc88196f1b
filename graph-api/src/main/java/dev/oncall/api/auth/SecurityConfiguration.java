package dev.oncall.api.auth;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: every request carries its token, nothing is kept between
 * requests, so there is no session and no CSRF to defend. The open paths authenticate
 * themselves (integration keys, signed ack links, tokenized calendar URLs) or are probes.
 */
@Configuration
class SecurityConfiguration {
    /** Alert ingest: each event or path carries its integration key. */
    static final String[] INGEST = {"/v2/enqueue", "/integrations/**"};

    /**
     * Paths that need no bearer token: they carry their own secret, or are health probes, GraphiQL
     * and the public libraries its page loads (WebJars), or the dashboard's page and assets (which
     * hold no data: the page signs in with a token it sends to /graphql like any client).
     */
    static final String[] OPEN = {
        "/ack/**", "/webhooks/**", "/calendar/**",
        "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/graphiql/**", "/webjars/**", "/error",
        "/", "/app/**"
    };

    @Bean
    ApiTokenRepository apiTokenRepository(Transactions tx) {
        return new ApiTokenRepository(tx);
    }

    @Bean
    BearerAuthentication bearerAuthentication(ApiTokenRepository tokens, TeamRepository teams, UserRepository users,
                                              Clock clock, ObjectProvider<JwtDecoder> jwt,
                                              SecurityProperties properties) {
        return new BearerAuthentication(tokens, teams, users, clock, Optional.ofNullable(jwt.getIfAvailable()),
                properties.jwtUserClaim(), properties.audience());
    }

    /**
     * Alert ingest authenticates by the integration key in the event or path, so its chain has
     * only what such an endpoint needs (security headers, the firewall): no bearer tokens, no
     * anonymous principal, no security context. Monitoring tools may send thousands of events
     * a second; the full chain cost more CPU than recording one.
     */
    @Bean
    @Order(1)
    SecurityFilterChain ingest(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(INGEST)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearer,
                            @Value("${spring.graphql.websocket.path:/graphql-ws}") String webSocketPath,
                            @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(OPEN).permitAll()
                        // Browsers cannot send headers on a WebSocket handshake: graphql-ws clients
                        // authenticate in connection_init instead (CallerInterceptor).
                        .requestMatchers(webSocketPath).permitAll()
                        // How one may sign in, for a sign-in page to read before anyone has (PublicQuery).
                        .requestMatchers(new PublicQuery(graphQlPath)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> bearer))
                .exceptionHandling(e -> e.authenticationEntryPoint(new BearerTokenAuthenticationEntryPoint()))
                .build();
    }
}
