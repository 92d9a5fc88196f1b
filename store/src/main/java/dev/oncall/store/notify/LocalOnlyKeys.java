package dev.oncall.store.notify;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The keys the local profile sets (application.yml of graph-api and regional-worker) are public:
 * anyone who has read the source can sign acknowledge links or read teams' webhook secrets with
 * them. Refused at start unless the {@code local} profile is active, so a deployment that copied
 * the local settings, or runs with a stray profile file, fails loudly instead of running on them.
 */
public final class LocalOnlyKeys {
    public static final String LOCAL_PROFILE = "local";
    /** The local profile's {@code oncall.ack.signing-key}. */
    public static final String ACK_SIGNING_KEY = "local-only-acknowledgement-signing-key-not-for-production";
    /** The local profile's {@code oncall.notify.webhook.encryption-key}. */
    public static final String WEBHOOK_ENCRYPTION_KEY = "local-only-webhook-secret-encryption-key-not-for-production";

    private LocalOnlyKeys() {}

    /** Throws, naming the settings (never their values' use elsewhere), when a local key is set outside the local profile. */
    public static void refuseOutsideLocal(Environment environment, AckProperties ack, NotifyProperties.Webhook webhook) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            return;
        }
        List<String> settings = new ArrayList<>();
        if (ACK_SIGNING_KEY.equals(ack.signingKey().strip())) {
            settings.add("oncall.ack.signing-key (ONCALL_ACK_SIGNING_KEY)");
        }
        if (WEBHOOK_ENCRYPTION_KEY.equals(webhook.encryptionKey().strip())) {
            settings.add("oncall.notify.webhook.encryption-key (ONCALL_NOTIFY_WEBHOOK_ENCRYPTION_KEY)");
        }
        if (!settings.isEmpty()) {
            throw new IllegalStateException(String.join(" and ", settings) + " holds the local run's published key, "
                    + "but the '" + LOCAL_PROFILE + "' profile is not active: anyone could forge with it. Set a random "
                    + "key of your own (openssl rand -base64 48), the same in graph-api and every worker.");
        }
    }
}
