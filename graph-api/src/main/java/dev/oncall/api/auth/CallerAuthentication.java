package dev.oncall.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated as {@link Caller}; roles are per team, so no global authorities. */
public final class CallerAuthentication extends AbstractAuthenticationToken {
    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(List.of());
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
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
