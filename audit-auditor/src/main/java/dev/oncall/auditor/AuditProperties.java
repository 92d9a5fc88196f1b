package dev.oncall.auditor;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The auditor's settings; docs/configuration.md lists them, docs/auditing.md explains them.
 *
 * @param pageSize             schedules read and checked per batch
 * @param materializationGrace how long shifts may lag behind a configuration change before it
 *                             is paged (the workers need a moment after every edit)
 * @param regions              regions that must have live workers besides those seen in the
 *                             heartbeats; empty means this auditor's own region
 * @param workerSilence        a region with no worker heartbeat for this long is paged about
 * @param timerOverdue         escalation timers this far past due are paged about
 * @param interval             time between runs with {@code --loop}
 * @param episodeRetention     resolved episodes are forgotten after this long
 * @param page                 the Events API the auditor pages through
 * @param fallback             where pages go when the Events API cannot be reached (a webhook,
 *                             then email)
 * @param heartbeat            the heartbeat monitor outside this installation that each run
 *                             which could audit pings, so that the auditor's silence is paged
 */
@ConfigurationProperties("oncall.audit")
public record AuditProperties(
        @DefaultValue("500") int pageSize,
        @DefaultValue("5m") Duration materializationGrace,
        @DefaultValue List<String> regions,
        @DefaultValue("2m") Duration workerSilence,
        @DefaultValue("2m") Duration timerOverdue,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("30d") Duration episodeRetention,
        @DefaultValue Page page,
        @DefaultValue Fallback fallback,
        @DefaultValue Heartbeat heartbeat) {

    /**
     * @param url        a PagerDuty Events API v2 endpoint, e.g. another installation's
     *                   {@code https://oncall.example.com/v2/enqueue}
     * @param routingKey the integration key of the self-monitoring service
     * @param timeout    connect and read timeout of one attempt
     * @param attempts   tries per event (429, 5xx and network errors are retried)
     */
    public record Page(@DefaultValue("") String url, @DefaultValue("") String routingKey,
                       @DefaultValue("5s") Duration timeout, @DefaultValue("3") int attempts) {
        public boolean configured() {
            return !url.isBlank() && !routingKey.isBlank();
        }
    }

    /**
     * @param webhookUrl JSON POST target used when the Events API is unreachable
     * @param emailTo    addresses mailed (through {@code spring.mail.*}) when neither the Events
     *                   API nor the webhook takes a page
     * @param emailFrom  the sender of those mails
     */
    public record Fallback(@DefaultValue("") String webhookUrl, @DefaultValue List<String> emailTo,
                           @DefaultValue("oncall-auditor@localhost") String emailFrom) {
        public boolean configured() {
            return !webhookUrl.isBlank();
        }

        public boolean emailConfigured() {
            return !emailTo.isEmpty();
        }
    }

    /**
     * @param url      pinged with an empty {@code POST} after every run that could audit: another
     *                 installation's {@code /integrations/heartbeat/{key}} or a hosted monitor's
     *                 ping URL; empty means no ping. It usually holds the monitor's key, so it is
     *                 never logged whole
     * @param timeout  connect and read timeout of one attempt
     * @param attempts tries per ping (429, 5xx, network errors and timeouts are retried: a
     *                 repeated ping is harmless)
     */
    public record Heartbeat(@DefaultValue("") String url, @DefaultValue("5s") Duration timeout,
                            @DefaultValue("3") int attempts) {
        public boolean configured() {
            return !url.isBlank();
        }
    }
}
