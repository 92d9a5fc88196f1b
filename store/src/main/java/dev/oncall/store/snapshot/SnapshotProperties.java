package dev.oncall.store.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Paging from a configuration snapshot when configuration cannot be read (docs/configuration.md,
 * docs/operations.md).
 *
 * @param readTimeout each statement reading a step's configuration at fire time is cancelled after
 *                    this long, and the step is resolved from the snapshot instead
 * @param refresh     how often a worker checks the configuration version (one primary-key read)
 *                    and reloads its snapshot when it moved: changes younger than this may be unseen
 *                    by a step resolved from the snapshot
 * @param horizon     how far ahead of its load a snapshot holds overrides and cover requests; it is
 *                    reloaded when less than half of that is left, and never pages past its end
 * @param maxRows     the most configuration rows a snapshot holds; a larger configuration keeps none
 */
@ConfigurationProperties("oncall.escalation.snapshot")
public record SnapshotProperties(
        @DefaultValue("3s") Duration readTimeout,
        @DefaultValue("30s") Duration refresh,
        @DefaultValue("6h") Duration horizon,
        @DefaultValue("500000") int maxRows) {}
