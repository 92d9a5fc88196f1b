package dev.oncall.api.auth;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a person may sign in to the dashboard, besides a personal API token: through the identity
 * provider, when OIDC is on ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) and
 * the dashboard has a client id there ({@code oncall.security.oidc.client-id}). Public: anyone
 * may read it without a token ({@code serverInfo { signIn }}), as a login page shows its buttons.
 */
@Component
public final class SignInOptions {
    /** What the dashboard needs for the authorization code flow with PKCE: no secret, it is a public client. */
    public record Oidc(String issuer, String clientId, List<String> scopes) {
        /** The issuer's origin (scheme, host, port), which the dashboard's page may connect to. */
        public String origin() {
            URI uri = URI.create(issuer);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }

    private final Optional<Oidc> oidc;

    SignInOptions(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                  SecurityProperties properties) {
        String clientId = properties.oidc().clientId().strip();
        if (clientId.isEmpty()) {
            oidc = Optional.empty();
            return;
        }
        if (issuer.isBlank()) {
            throw new IllegalStateException("oncall.security.oidc.client-id is set but OIDC is off: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri to your identity provider's issuer");
        }
        URI uri = URI.create(issuer.strip());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be an http(s) URL, got "
                    + issuer);
        }
        List<String> scopes = properties.oidc().scopes().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!scopes.contains("openid")) {
            throw new IllegalStateException("oncall.security.oidc.scopes must include openid (the dashboard signs in "
                    + "with the ID token), got " + scopes);
        }
        oidc = Optional.of(new Oidc(issuer.strip(), clientId, scopes));
    }

    public Optional<Oidc> oidc() {
        return oidc;
    }
}
