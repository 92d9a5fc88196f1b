package dev.oncall.store.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident settings shared by graph-api and the workers (docs/configuration.md).
 *
 * @param eventOverlap   how far before a stream cursor every read looks again for events that
 *                       committed late; must exceed the longest transaction plus clock skew
 * @param ingestDeadline alert events not committed this long after their transaction began are
 *                       rolled back and answered 503: below the 10 s senders wait, so an event a
 *                       sender gave up on and retried is never recorded after what followed it
 */
@ConfigurationProperties("oncall.incidents")
public record IncidentProperties(@DefaultValue("10s") Duration eventOverlap,
                                 @DefaultValue("8s") Duration ingestDeadline) {
    public IncidentProperties {
        if (!ingestDeadline.isPositive()) {
            throw new IllegalArgumentException("oncall.incidents.ingest-deadline must be positive, got " + ingestDeadline);
        }
    }
}
