package dev.oncall.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings (docs/configuration.md).
 *
 * @param jwtUserClaim with OIDC enabled (spring.security.oauth2.resourceserver.jwt.issuer-uri),
 *                     the claim holding the user's email address, which names the Oncall user
 */
@ConfigurationProperties("oncall.security")
public record SecurityProperties(@DefaultValue("email") String jwtUserClaim) {}
