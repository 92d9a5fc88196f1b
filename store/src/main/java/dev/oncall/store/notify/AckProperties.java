package dev.oncall.store.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Acknowledgement links and tokens.
 *
 * @param signingKey at least 32 bytes, the same in every region so any region accepts any token;
 *                   empty: pages go out without acknowledge links or buttons (SMS codes still work)
 * @param tokenTtl   how long a token in a page stays usable
 * @param publicUrl  the address people and providers reach graph-api at; links and callbacks use it,
 *                   and Twilio signatures are checked against it
 */
@ConfigurationProperties("oncall.ack")
public record AckProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue("24h") Duration tokenTtl,
        @DefaultValue("http://localhost:8080") String publicUrl) {

    public String url(String path) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + path;
    }
}
