package dev.oncall.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication and authorization settings (docs/configuration.md).
 *
 * @param jwtUserClaim with OIDC enabled (spring.security.oauth2.resourceserver.jwt.issuer-uri),
 *                     the claim holding the user's email address, which names the Oncall user
 * @param jwtAudience  with OIDC enabled, the value a JWT's {@code aud} must contain (usually the
 *                     client id your identity provider gave Oncall); required then, so a token the
 *                     provider issued for another application never logs anyone in here. Defaults
 *                     to {@code oidc.client-id} when that is set.
 * @param teamCreation who may create teams
 * @param oidc         signing in to the dashboard through the identity provider
 */
@ConfigurationProperties("oncall.security")
public record SecurityProperties(@DefaultValue("email") String jwtUserClaim,
                                 @DefaultValue("") String jwtAudience,
                                 @DefaultValue("admins") TeamCreation teamCreation,
                                 @DefaultValue Oidc oidc) {
    /** Who may create teams (and so become a team admin without anyone's say). */
    public enum TeamCreation {
        /** Installation admins and owners. */
        ADMINS,
        /** Every person (never a team token). */
        EVERYONE
    }

    /**
     * The dashboard as a public OIDC client (authorization code with PKCE, no secret).
     *
     * @param clientId the dashboard's client id at the identity provider; empty: no "Sign in with …"
     * @param scopes   what the dashboard asks the provider for; {@code openid} and {@code email} at least
     */
    public record Oidc(@DefaultValue("") String clientId,
                       @DefaultValue({"openid", "email", "profile"}) List<String> scopes) {}

    /**
     * The audience a JWT must name: {@code jwt-audience}, or else the dashboard's client id (the
     * {@code aud} of the ID tokens the dashboard signs in with). When both are set they must agree,
     * or the dashboard's ID tokens would be refused.
     */
    public String audience() {
        String client = oidc.clientId().strip();
        String configured = jwtAudience.strip();
        if (!client.isEmpty() && !configured.isEmpty() && !client.equals(configured)) {
            throw new IllegalStateException("oncall.security.oidc.client-id (" + client + ") and "
                    + "oncall.security.jwt-audience (" + configured + ") differ: the dashboard signs in with ID tokens, "
                    + "whose aud is its client id; leave jwt-audience unset or set it to the client id");
        }
        return configured.isEmpty() ? client : configured;
    }
}
