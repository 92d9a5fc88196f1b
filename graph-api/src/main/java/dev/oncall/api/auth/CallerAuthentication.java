package dev.oncall.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated as {@link Caller}; roles are per team, so no global authorities. */
public final class CallerAuthentication extends AbstractAuthenticationToken {
    private final Caller caller;
    private final Credential credential;

    public CallerAuthentication(Caller caller, Credential credential) {
        super(List.of());
        this.caller = caller;
        this.credential = credential;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    /** What the authentication rests on; live operations check it again while they run. */
    public Credential credential() {
        return credential;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return switch (caller) {
            case Caller.Person p -> "user:" + p.id();
            case Caller.TeamToken t -> "token:" + t.tokenId();
        };
    }
}
