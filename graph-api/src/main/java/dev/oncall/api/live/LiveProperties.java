package dev.oncall.api.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live authorization (docs/configuration.md).
 *
 * @param recheck how often each running subscription checks again, in the database, that its
 *                token still works and its caller is still a member of the team it follows: the
 *                longest a revoked token or a removed member keeps receiving
 */
@ConfigurationProperties("oncall.api.live")
public record LiveProperties(@DefaultValue("2s") Duration recheck) {
    public LiveProperties {
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("oncall.api.live.recheck must be positive, got " + recheck);
        }
    }
}
