package dev.oncall.worker.shift;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shift materialization settings; docs/configuration.md lists them.
 *
 * @param enabled      run the job in this worker
 * @param horizon      how far ahead of now shifts are kept materialized (six months, rounded up)
 * @param refreshAfter a schedule is materialized again when its last run is this old, even
 *                     without a change, so the horizon keeps moving ahead (daily)
 * @param pollInterval how often the worker looks for schedules that changed
 * @param lease        how long a claim on one schedule holds; a worker that dies mid-job loses
 *                     the schedule to another after this
 * @param batchSize    schedules taken per look
 */
@ConfigurationProperties("oncall.shifts")
public record ShiftMaterializationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("184d") Duration horizon,
        @DefaultValue("1d") Duration refreshAfter,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("50") int batchSize) {}
