package dev.oncall.api.server;

import dev.oncall.api.auth.SignInOptions;
import dev.oncall.platform.PlatformProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ServerInfoController {
    record ServerInfo(String region, String version, Instant now, SignIn signIn) {}

    record SignIn(SignInOptions.Oidc oidc) {}

    private final Clock clock;
    private final String region;
    private final String version;
    private final SignIn signIn;

    ServerInfoController(Clock clock, PlatformProperties properties, ObjectProvider<BuildProperties> build,
                         SignInOptions signIn) {
        this.signIn = new SignIn(signIn.oidc().orElse(null));
        this.clock = clock;
        this.region = properties.region();
        BuildProperties b = build.getIfAvailable();
        this.version = b == null ? "development" : b.getVersion();
    }

    @QueryMapping
    ServerInfo serverInfo() {
        return new ServerInfo(region, version, clock.instant(), signIn);
    }
}
