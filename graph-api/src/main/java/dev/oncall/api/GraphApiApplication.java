package dev.oncall.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The GraphQL API, alert ingest and acknowledgement links. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GraphApiApplication {
    public static void main(String[] args) {
        SpringApplication.run(GraphApiApplication.class, args);
    }
}
