package dev.oncall.api.dashboard;

import dev.oncall.api.auth.SignInOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The web dashboard (module {@code dashboard}): its page at {@code /} and its script and
 * stylesheet under {@code /app/}, all from the classpath, none of it needing a token. The page
 * signs in with a token it sends to the GraphQL API like any client; the assets hold no data.
 * Browsers revalidate every asset (no-cache plus Last-Modified), so an upgrade is seen at once.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {
    static final String ROOT = "dev/oncall/dashboard/";

    @Bean
    RouterFunction<ServerResponse> dashboardPage(SignInOptions signIn) {
        ClassPathResource page = new ClassPathResource(ROOT + "index.html");
        // With sign-in through the identity provider, the page also reads the provider's discovery
        // document and exchanges the code at its token endpoint: that origin, and only then.
        String provider = signIn.oidc().map(o -> " " + o.origin()).orElse("");
        return RouterFunctions.route()
                .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache())
                        // The page loads nothing from elsewhere and talks only to this server (and the provider).
                        .header("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:" + provider + "; "
                                + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
                        .header("X-Content-Type-Options", "nosniff")
                        .body(page))
                .build();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/**")
                .addResourceLocations("classpath:/" + ROOT + "app/")
                .setCacheControl(CacheControl.noCache());
    }
}
