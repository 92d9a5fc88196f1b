package dev.oncall.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication and authorization settings (docs/configuration.md).
 *
 * @param jwtUserClaim with OIDC enabled (spring.security.oauth2.resourceserver.jwt.issuer-uri),
 *                     the claim holding the user's email address, which names the Oncall user
 * @param jwtAudience  with OIDC enabled, the value a JWT's {@code aud} must contain (usually the
 *                     client id your identity provider gave Oncall); required then, so a token the
 *                     provider issued for another application never logs anyone in here
 * @param teamCreation who may create teams
 */
@ConfigurationProperties("oncall.security")
public record SecurityProperties(@DefaultValue("email") String jwtUserClaim,
                                 @DefaultValue("") String jwtAudience,
                                 @DefaultValue("admins") TeamCreation teamCreation) {
    /** Who may create teams (and so become a team admin without anyone's say). */
    public enum TeamCreation {
        /** Installation admins and owners. */
        ADMINS,
        /** Every person (never a team token). */
        EVERYONE
    }
}
