package dev.oncall.worker.liveness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this worker reports that it is alive. The prefix {@code oncall.heartbeat} is kept from
 * before the name "heartbeat" was left to customers' heartbeat monitors: it is public configuration.
 *
 * @param interval how often this worker writes its worker_heartbeats row
 * @param workerId this worker's name in worker_heartbeats; empty means host name plus a random suffix
 */
@ConfigurationProperties("oncall.heartbeat")
public record LivenessProperties(@DefaultValue("5s") Duration interval, @DefaultValue("") String workerId) {}
