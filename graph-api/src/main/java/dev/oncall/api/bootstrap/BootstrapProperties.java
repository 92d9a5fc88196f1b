package dev.oncall.api.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a fresh install gets its first admin (docs/api.md, "First start").
 *
 * @param adminToken  an API token of your choosing ({@code oncall_} followed by at least 32
 *                    random characters); on a database without users it becomes the personal
 *                    token of a new admin of a new team. Only its hash is stored. Ignored once
 *                    the database has users.
 * @param adminHandle the first admin's handle
 * @param adminEmail  the first admin's email
 * @param teamName    the first team's name
 */
@ConfigurationProperties("oncall.bootstrap")
public record BootstrapProperties(
        @DefaultValue("") String adminToken,
        @DefaultValue("admin") String adminHandle,
        @DefaultValue("admin@oncall.invalid") String adminEmail,
        @DefaultValue("Admins") String teamName) {}
