package dev.oncall.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Escalation timers, notification delivery and shift materialization for one region. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RegionalWorkerApplication {
    public static void main(String[] args) {
        SpringApplication.run(RegionalWorkerApplication.class, args);
    }
}
