package dev.oncall.local;

import dev.oncall.store.demo.DemoNames;
import java.nio.file.Path;

/**
 * What the local run prints once everything is up: first the dashboard's sign-in link, the thing
 * to open; it ends with the API token and a query to paste, so that is what a newcomer sees last;
 * the apps log little after it. The token is in the link's fragment, which browsers never send.
 *
 * @param port          graph-api's port; the worker and the auditor listen on the next two
 * @param auditInterval how often the auditor checks, as given to it (e.g. {@code 10s})
 * @param token         the demo admin's API token chosen for this start
 */
record Banner(int port, int postgresPort, int redisPort, Path dataDir, DemoKeys keys, String auditInterval, String token) {
    /** The README's query: the incidents still open, whose service raised them and who holds them. */
    static final String INCIDENTS_QUERY =
            "{ incidents(filter: {status: [TRIGGERED, ACKNOWLEDGED]}) { edges { node { title status service { name } assignees { name } } } } }";

    String text() {
        String api = "http://localhost:" + port;
        String trigger = keys.demo().map(key -> """
                  Trigger an alert on the demo service (PagerDuty Events API v2):
                    curl -s %s/v2/enqueue -H 'Content-Type: application/json' \\
                      -d '{"routing_key":"%s","event_action":"trigger","payload":{"summary":"Disk full on db-1","source":"db-1","severity":"critical"}}'
                """.formatted(api, key)).orElse("""
                  No demo service "%s" with an Events API key: create a service and a key to send alerts.
                """.formatted(DemoNames.SERVICE));
        String audit = keys.selfMonitoring().isPresent() ? """
                  The auditor re-checks every schedule every %s: an on-call answer that disagrees with
                  the configuration is repaired and pages the demo team through its service
                  "%s", as an incident like any other.
                """.formatted(auditInterval, DemoNames.SELF_MONITORING_SERVICE) : """
                  No service "%s" in the demo team: the auditor repairs what it finds and pages nobody.
                """.formatted(DemoNames.SELF_MONITORING_SERVICE);
        return """

                ================================================================================
                Oncall is running (graph-api :%1$d, regional-worker :%2$d, auditor :%3$d)
                on an embedded PostgreSQL (port %4$d) and Redis (port %5$d).

                  Open the dashboard, signed in as the demo admin (this tab only):
                    %6$s/#token=%11$s

                  GraphiQL:  %6$s/graphiql   (works offline)
                  Health:    %6$s/actuator/health

                %7$s

                %8$s

                  Notifications are written to the regional-worker log above.
                  Stop with Ctrl-C; the data stays in %9$s for the next start.

                  Your API token (admin of team %10$s, replaced at every start):
                    %11$s
                  In GraphiQL's Headers tab:  {"Authorization": "Bearer %11$s"}
                  The open incidents, with it:
                    curl -s %6$s/graphql -H 'Authorization: Bearer %11$s' -H 'Content-Type: application/json' \\
                      -d '{"query":"%12$s"}'
                ================================================================================
                """.formatted(port, port + 1, port + 2, postgresPort, redisPort, api, trigger.stripTrailing(),
                audit.stripTrailing(), dataDir, DemoNames.TEAM, token, INCIDENTS_QUERY);
    }
}
