package dev.oncall.auditor;

import dev.oncall.auditor.run.AuditPass;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Independent auditor: re-checks on-call answers against configuration.
 *
 * <p>By default it runs one audit pass without a web server and exits: 0 when everything
 * agreed, 1 when it found a mismatch (the Kubernetes Job then shows as failed), 2 when it could
 * not audit at all (a database it cannot reach is paged first). With {@code --loop} it stays
 * up, audits every {@code oncall.audit.interval} (paging a database it cannot reach on each
 * pass) and serves its actuator (health, Prometheus) on port 8082.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditorApplication {
    private static final Logger log = LoggerFactory.getLogger(AuditorApplication.class);

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--loop")) {
            new SpringApplicationBuilder(AuditorApplication.class).properties(Map.of("oncall.audit.loop", "true")).run(args);
            return;
        }
        System.exit(runOnce(args));
    }

    /** One pass in a process without a web server; returns the exit code. */
    public static int runOnce(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuditorApplication.class)
                .web(WebApplicationType.NONE).properties(Map.of("oncall.audit.loop", "false")).run(args)) {
            return AuditPass.exitCode(context.getBean(AuditPass.class).run());
        } catch (RuntimeException e) {
            log.error("audit could not run: {}", e.toString());
            return 2;
        }
    }
}
