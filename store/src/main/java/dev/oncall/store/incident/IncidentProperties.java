package dev.oncall.store.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident settings shared by graph-api and the workers (docs/configuration.md).
 *
 * @param eventOverlap how far before a stream cursor every read looks again for events that
 *                     committed late; must exceed the longest transaction plus clock skew
 */
@ConfigurationProperties("oncall.incidents")
public record IncidentProperties(@DefaultValue("10s") Duration eventOverlap) {}
