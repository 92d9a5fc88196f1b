package dev.oncall.api.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer running locally where to point a browser and curl. */
@Component
@Profile("local")
class LocalRunBanner {
    private static final Logger log = LoggerFactory.getLogger(LocalRunBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : 8080;
        String base = "http://localhost:" + port;
        log.info("""

                Oncall is running on the embedded PostgreSQL and Redis.
                  GraphiQL:  {}/graphiql
                  GraphQL:   curl -s {}/graphql -H 'Content-Type: application/json' -d '{"query":"{ serverInfo { region now } }"}'
                  Health:    {}/actuator/health
                Stop with Ctrl-C; data is kept in .oncall-local/ for the next start.
                """, base, base, base);
    }
}
