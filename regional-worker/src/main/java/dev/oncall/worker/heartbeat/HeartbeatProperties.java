package dev.oncall.worker.heartbeat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often this worker writes its worker_heartbeats row
 * @param workerId this worker's name in worker_heartbeats; empty means host name plus a random suffix
 */
@ConfigurationProperties("oncall.heartbeat")
public record HeartbeatProperties(@DefaultValue("5s") Duration interval, @DefaultValue("") String workerId) {}
