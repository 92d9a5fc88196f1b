package dev.oncall.worker.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messages telling people their on-call shift starts or ends.
 *
 * @param enabled  send them at all
 * @param interval how often the worker looks for handoffs
 * @param lookback how far back a handoff still gets its message (a worker that was down catches up this far)
 * @param onStart  tell people when their shift starts
 * @param onEnd    tell people when their shift ends
 * @param channels contact method types used, in order of preference; a person's first enabled one is used
 */
@ConfigurationProperties("oncall.notify.handoff")
public record HandoffProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("15m") Duration lookback,
        @DefaultValue("true") boolean onStart,
        @DefaultValue("true") boolean onEnd,
        @DefaultValue({"push", "slack", "email"}) List<String> channels) {}
