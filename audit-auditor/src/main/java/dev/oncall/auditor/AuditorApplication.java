package dev.oncall.auditor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Independent auditor: re-checks on-call answers against configuration. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditorApplication {
    public static void main(String[] args) {
        SpringApplication.run(AuditorApplication.class, args);
    }
}
