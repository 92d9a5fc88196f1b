package dev.oncall.api.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a fresh install gets its first admin (docs/api.md, "First start").
 *
 * @param adminToken  an API token of your choosing ({@code oncall_} followed by at least 32
 *                    random characters); on a database without users it becomes the personal
 *                    token of a new admin of a new team. Only its hash is stored. Ignored once
 *                    the database has users.
 * @param adminTokenTtl how long that token works after it is created; the owner makes their own
 *                    tokens meanwhile (the token is created once, so a restart does not renew it)
 * @param adminHandle the first admin's handle
 * @param adminEmail  the first admin's email
 * @param teamName    the first team's name
 */
@ConfigurationProperties("oncall.bootstrap")
public record BootstrapProperties(
        @DefaultValue("") String adminToken,
        @DefaultValue("24h") Duration adminTokenTtl,
        @DefaultValue("admin") String adminHandle,
        @DefaultValue("admin@oncall.invalid") String adminEmail,
        @DefaultValue("Admins") String teamName) {

    public BootstrapProperties {
        if (!adminTokenTtl.isPositive()) {
            throw new IllegalArgumentException("oncall.bootstrap.admin-token-ttl must be positive, got " + adminTokenTtl);
        }
    }
}
