package dev.oncall.store.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notification providers of a deployment. Both apps read them: the worker to send, the
 * API to check the providers' signed callbacks. Defaults live here; docs/configuration.md and
 * docs/notifications.md describe every setting.
 *
 * @param channels which implementation serves each contact method type
 */
@ConfigurationProperties("oncall.notify")
public record NotifyProperties(
        @DefaultValue Channels channels,
        @DefaultValue Twilio twilio,
        @DefaultValue Slack slack,
        @DefaultValue Fcm fcm,
        @DefaultValue Email email,
        @DefaultValue Webhook webhook) {

    /** How a contact method type is served. */
    public enum Mode {
        /** The real provider when its credentials are configured, otherwise {@link #DISABLED}. */
        AUTO,
        /** The real provider; start-up fails when it is not configured. */
        PROVIDER,
        /** Write each message to the log (the local run uses it so newcomers can watch pages). */
        LOG,
        /** Refuse at once, so the person's next contact method is tried without waiting. */
        DISABLED
    }

    public record Channels(
            @DefaultValue("auto") Mode push,
            @DefaultValue("auto") Mode sms,
            @DefaultValue("auto") Mode voice,
            @DefaultValue("auto") Mode email,
            @DefaultValue("auto") Mode slack,
            @DefaultValue("auto") Mode webhook) {}

    /**
     * @param baseUrl        Twilio's REST API; a test or a regional edge points it elsewhere
     * @param statusCallback ask Twilio for delivery-status callbacks (receipts)
     */
    public record Twilio(
            @DefaultValue("") String accountSid,
            @DefaultValue("") String authToken,
            @DefaultValue("") String fromNumber,
            @DefaultValue("https://api.twilio.com") String baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("true") boolean statusCallback) {
        public boolean configured() {
            return !accountSid.isBlank() && !authToken.isBlank() && !fromNumber.isBlank();
        }
    }

    /**
     * @param replayWindow     how old a signed interaction may be before it is refused
     * @param responseUrlHosts hosts a button press's {@code response_url} may point at: the
     *                         page is rewritten there, and nowhere else
     */
    public record Slack(
            @DefaultValue("") String botToken,
            @DefaultValue("") String signingSecret,
            @DefaultValue("https://slack.com/api") String baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("5m") Duration replayWindow,
            @DefaultValue("hooks.slack.com") List<String> responseUrlHosts) {
        public boolean configured() {
            return !botToken.isBlank();
        }
    }

    /**
     * @param enabled         send push through FCM even without a credentials file (Google's
     *                        application-default credentials, e.g. workload identity)
     * @param credentialsFile a service account JSON file; setting it turns push on. The worker's
     *                        configuration fills it from {@code GOOGLE_APPLICATION_CREDENTIALS}
     * @param projectId       the Firebase project; empty takes it from the credentials
     */
    public record Fcm(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String credentialsFile,
            @DefaultValue("") String projectId,
            @DefaultValue("https://fcm.googleapis.com") String baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("oncall-page") String apnsCategory) {
        public boolean configured() {
            return enabled || !credentialsFile.isBlank();
        }
    }

    /** SMTP itself is Spring Boot's {@code spring.mail.*}; a host there turns email on. */
    public record Email(@DefaultValue("Oncall <oncall@localhost>") String from) {}

    /**
     * @param signingSecret   the installation-wide key of our {@code X-Oncall-Signature}; signs only the
     *                        pages of teams that have no secret of their own (kept for upgrades)
     * @param timeout         connect, read and answer timeout of one webhook request
     * @param allowedNetworks CIDR blocks that webhooks and Slack {@code response_url}s may reach besides
     *                        public addresses, over https or plain http: receivers inside the operator's network
     * @param encryptionKey   encrypts the teams' signing secrets in the database (at least 32 characters,
     *                        the same in graph-api and every worker); empty: teams cannot create secrets
     * @param rotationOverlap how long a team's previous secret keeps signing pages after a rotation
     */
    public record Webhook(
            @DefaultValue("") String signingSecret,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue List<String> allowedNetworks,
            @DefaultValue("") String encryptionKey,
            @DefaultValue("24h") Duration rotationOverlap) {
        public Webhook {
            allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        }

        /** Pages can be signed: with teams' own secrets, or with the installation-wide one. */
        public boolean configured() {
            return !signingSecret.isBlank() || !encryptionKey.isBlank();
        }
    }
}
